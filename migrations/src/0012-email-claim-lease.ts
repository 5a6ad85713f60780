import type { Kysely } from "kysely";

/**
 * A lease on each e-mail a mailer claims, so that several Accord processes share one outbox and each
 * e-mail is sent once: a claim holds the row until `email_claimed_until` (the database's clock), by the
 * process named in `email_claimed_by`; another process skips it until then, and takes it again after,
 * when the claimer crashed. A failed attempt sets `email_claimed_until` to when it may be tried again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("notifications")
    .addColumn("email_claimed_until", "timestamptz")
    .addColumn("email_claimed_by", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notifications").dropColumn("email_claimed_by").dropColumn("email_claimed_until").execute();
}
