import type { Kysely } from "kysely";

/**
 * Which account each Yjs client of a draft belongs to (`draft_clients`): a Yjs update names its client,
 * never its person, so the collaboration server records the pair the first time a connection commits
 * text under a client id. "Where the text came from" counts the draft's text by who typed it from this.
 * One row per (policy, client id); a client id is a random 32-bit number a browser picks per page load.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("draft_clients")
    .addColumn("policy_id", "uuid", (column) => column.notNull().references("policies.id").onDelete("cascade"))
    .addColumn("client_id", "bigint", (column) => column.notNull())
    .addColumn("user_id", "uuid", (column) => column.notNull().references("users.id"))
    .addColumn("first_seen_at", "timestamptz", (column) => column.notNull())
    .addPrimaryKeyConstraint("draft_clients_pkey", ["policy_id", "client_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("draft_clients").execute();
}
