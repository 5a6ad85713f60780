import type { Kysely } from "kysely";

/**
 * Notifications people choose and notifications that lapse. Each person may turn e-mail off per kind
 * of notification (in-app notifications always stay): a row per choice, and no row means e-mail on, as
 * before. A notification that asks for something no longer needed (a sign-off requested on a proposal a
 * newer one superseded) is marked obsolete, so it stops counting as new and is never e-mailed late.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_email_preferences")
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("email", "boolean", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("notification_email_preferences_pk", ["user_id", "kind"])
    .execute();
  await db.schema.alterTable("notifications").addColumn("obsolete_at", "timestamptz").execute();
  await db.schema.createIndex("notifications_proposal").on("notifications").columns(["proposal_id", "kind"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("notifications_proposal").execute();
  await db.schema.alterTable("notifications").dropColumn("obsolete_at").execute();
  await db.schema.dropTable("notification_email_preferences").execute();
}
