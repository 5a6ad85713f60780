import { sql, type Kysely } from "kysely";

/**
 * Immutable versions of a policy's draft. A version is never changed or removed: the database itself
 * refuses UPDATE, DELETE and TRUNCATE, because approvals bind to a version's exact content hash.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("policy_versions")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    .addColumn("number", "integer", (col) => col.notNull())
    .addColumn("label", "text", (col) => col.notNull())
    .addColumn("note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("author_id", "uuid", (col) => col.references("users.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("canonical_json", "text", (col) => col.notNull())
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("yjs_state", "bytea", (col) => col.notNull())
    .addColumn("word_count", "integer", (col) => col.notNull())
    .addColumn("words_added", "integer", (col) => col.notNull())
    .addColumn("words_removed", "integer", (col) => col.notNull())
    .addUniqueConstraint("policy_versions_policy_number", ["policy_id", "number"])
    .addCheckConstraint("policy_versions_number_positive", sql`number > 0`)
    .addCheckConstraint("policy_versions_hash_hex", sql`content_hash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema.createIndex("policy_versions_hash").on("policy_versions").column("content_hash").execute();

  await sql`
    create function policy_versions_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'policy_versions are immutable: % is not allowed', tg_op;
    end;
    $$`.execute(db);
  await sql`
    create trigger policy_versions_immutable
    before update or delete on policy_versions
    for each row execute function policy_versions_immutable()`.execute(db);
  await sql`
    create trigger policy_versions_no_truncate
    before truncate on policy_versions
    for each statement execute function policy_versions_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("policy_versions").execute();
  await sql`drop function if exists policy_versions_immutable()`.execute(db);
}
