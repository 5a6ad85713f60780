import { sql, type Kysely } from "kysely";

/**
 * Comments anchored to the draft's text, and the record of decisions on suggestions.
 *
 * A thread's anchor is a pair of encoded Yjs relative positions (base64): they follow the text while
 * others edit. The quoted text is kept too, so a thread whose text was deleted still says what it was
 * about. A comment is never removed: deleting one's own comment or a facilitator hiding it keeps the row
 * (who, when, why) and only stops showing the body.
 *
 * Suggestion decisions are append-only (a trigger refuses UPDATE and DELETE): they are how authorship
 * survives acceptance, so that the policy can show how much of its text came from each affiliation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comment_threads")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    .addColumn("anchor_start", "text", (col) => col.notNull())
    .addColumn("anchor_end", "text", (col) => col.notNull())
    .addColumn("quote", "text", (col) => col.notNull())
    .addColumn("created_by", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "uuid", (col) => col.references("users.id"))
    .addCheckConstraint("comment_threads_resolved", sql`(resolved_at is null) = (resolved_by is null)`)
    .execute();
  await db.schema.createIndex("comment_threads_policy").on("comment_threads").columns(["policy_id", "created_at"]).execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("thread_id", "uuid", (col) => col.notNull().references("comment_threads.id"))
    .addColumn("author_id", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("body", "text", (col) => col.notNull())
    // The user ids mentioned in the body, as the author chose them (a jsonb array of uuid strings).
    .addColumn("mentions", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("edited_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("hidden_at", "timestamptz")
    .addColumn("hidden_by", "uuid", (col) => col.references("users.id"))
    .addColumn("hidden_reason", "text")
    .addCheckConstraint(
      "comments_hidden",
      sql`(hidden_at is null and hidden_by is null and hidden_reason is null) or (hidden_at is not null and hidden_by is not null and hidden_reason is not null)`,
    )
    .execute();
  await db.schema.createIndex("comments_thread").on("comments").columns(["thread_id", "created_at"]).execute();

  await db.schema
    .createTable("suggestion_decisions")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    .addColumn("suggestion_id", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    // The author as the suggestion's mark names them: kept as written (not a foreign key), because the
    // mark is what the document carried, and the record must say exactly whose suggestion it was.
    .addColumn("author_id", "text", (col) => col.notNull())
    .addColumn("author_affiliation", "text")
    .addColumn("suggested_at", "timestamptz", (col) => col.notNull())
    .addColumn("text", "text", (col) => col.notNull())
    .addColumn("decision", "text", (col) => col.notNull())
    .addColumn("decided_by", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("decided_at", "timestamptz", (col) => col.notNull())
    .addCheckConstraint("suggestion_decisions_kind", sql`kind in ('insertion', 'deletion')`)
    .addCheckConstraint("suggestion_decisions_decision", sql`decision in ('accepted', 'rejected')`)
    .execute();
  await db.schema.createIndex("suggestion_decisions_policy").on("suggestion_decisions").columns(["policy_id", "decided_at"]).execute();
  await sql`
    create function suggestion_decisions_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'suggestion decisions are append-only: % is not allowed', tg_op;
    end;
    $$`.execute(db);
  await sql`
    create trigger suggestion_decisions_append_only before update or delete on suggestion_decisions
    for each row execute function suggestion_decisions_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("suggestion_decisions").execute();
  await sql`drop function if exists suggestion_decisions_append_only()`.execute(db);
  await db.schema.dropTable("comments").execute();
  await db.schema.dropTable("comment_threads").execute();
}
