import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";

/** A verification e-mail claimed for sending. */
export interface ClaimedCommentEmail {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  attempts: number;
}

/** Queues a verification e-mail in the caller's transaction (sent after it commits). */
export async function queueCommentEmail(
  trx: Kysely<Database>,
  email: { commentId: string; recipient: string; subject: string; text: string; now: Date },
): Promise<void> {
  await trx
    .insertInto("public_comment_emails")
    .values({
      id: crypto.randomUUID(),
      comment_id: email.commentId,
      recipient: email.recipient,
      subject: email.subject,
      text_body: email.text,
      created_at: email.now,
      sent_at: null,
      claimed_until: null,
    })
    .execute();
}

/**
 * Claims up to `limit` pending e-mails for `leaseMs` (the database's clock), as the notifications' outbox
 * does: several processes share the table and each e-mail is sent by one of them.
 */
export async function claimCommentEmails(
  db: Kysely<Database>,
  limit: number,
  leaseMs: number,
  maxAttempts: number,
): Promise<ClaimedCommentEmail[]> {
  return db.transaction().execute(async (trx) => {
    const ids = (
      await trx
        .selectFrom("public_comment_emails")
        .select("id")
        .where("status", "=", "pending")
        .where("attempts", "<", maxAttempts)
        .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", sql<Date>`now()`)]))
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable("public_comment_emails")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        claimed_until: sql<Date>`now() + ${`${Math.ceil(leaseMs / 1000)} seconds`}::interval`,
      }))
      .where("id", "in", ids)
      .returning(["id", "recipient", "subject", "text_body", "attempts"])
      .execute();
    return rows.map((row) => ({ id: row.id, recipient: row.recipient, subject: row.subject, text: row.text_body, attempts: row.attempts }));
  });
}

/** Marks an e-mail sent. */
export async function markCommentEmailSent(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable("public_comment_emails").set({ status: "sent", sent_at: at, claimed_until: null }).where("id", "=", id).execute();
}

/** Marks an attempt failed: tried again after `retryMs`, or failed for good after the last attempt. */
export async function markCommentEmailFailed(db: Kysely<Database>, id: string, finalAttempt: boolean, retryMs: number): Promise<void> {
  await db
    .updateTable("public_comment_emails")
    .set({
      status: finalAttempt ? "failed" : "pending",
      claimed_until: sql<Date>`now() + ${`${Math.ceil(retryMs / 1000)} seconds`}::interval`,
    })
    .where("id", "=", id)
    .execute();
}
