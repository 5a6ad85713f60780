import type { Kysely } from "kysely";

/**
 * The live draft of each policy, as the Yjs document state (an encoded update) from which the
 * collaboration server loads it. The server creates it with the policy, so clients never seed content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("draft_documents")
    .addColumn("policy_id", "uuid", (col) => col.primaryKey().references("policies.id").onDelete("cascade"))
    .addColumn("state", "bytea", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("draft_documents").execute();
}
