import { sql, type Kysely } from "kysely";

/**
 * The append-only log of committed draft updates. The collaboration server commits every update here
 * before relaying it; compaction folds the log into `draft_documents.state` and records how far it got
 * in `compacted_seq`, so a document loads from one snapshot plus a short tail.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("draft_updates")
    .addColumn("seq", "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id").onDelete("cascade"))
    .addColumn("update", "bytea", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("draft_updates_policy_seq").on("draft_updates").columns(["policy_id", "seq"]).execute();
  await db.schema
    .alterTable("draft_documents")
    .addColumn("compacted_seq", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("draft_documents").dropColumn("compacted_seq").execute();
  await db.schema.dropTable("draft_updates").execute();
}
