import { sql, type Kysely } from "kysely";

/**
 * The sign-off workflow: proposals (the pure workflow state, stored whole as JSON beside the columns
 * queries need), publications (immutable: every published version stays public), and in-app
 * notifications with their e-mail delivery state (an outbox: e-mail goes out after the commit).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proposals")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (col) => col.notNull())
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("stage", "text", (col) => col.notNull())
    .addColumn("state", "jsonb", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull())
    .addForeignKeyConstraint("proposals_version", ["policy_id", "version_number"], "policy_versions", ["policy_id", "number"])
    .execute();
  await db.schema.createIndex("proposals_policy").on("proposals").columns(["policy_id", "created_at"]).execute();

  await db.schema
    .createTable("publications")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (col) => col.notNull())
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("proposal_id", "uuid", (col) => col.notNull().references("proposals.id"))
    // YYYY-MM-DD as text: a `date` column comes back as a JS Date at local midnight, which shifts the day
    // in some time zones; the effective date is a calendar date, not an instant.
    .addColumn("effective_date", "text", (col) => col.notNull().check(sql`effective_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn("published_at", "timestamptz", (col) => col.notNull())
    .addColumn("published_by", "uuid", (col) => col.references("users.id"))
    .addUniqueConstraint("publications_proposal", ["proposal_id"])
    .addForeignKeyConstraint("publications_version", ["policy_id", "version_number"], "policy_versions", ["policy_id", "number"])
    .execute();
  await sql`
    create function publications_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'publications are immutable: % is not allowed', tg_op;
    end;
    $$`.execute(db);
  await sql`
    create trigger publications_immutable before update or delete on publications
    for each row execute function publications_immutable()`.execute(db);

  await db.schema
    .createTable("notifications")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("policy_id", "uuid", (col) => col.references("policies.id"))
    .addColumn("proposal_id", "uuid", (col) => col.references("proposals.id"))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("link", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("read_at", "timestamptz")
    .addColumn("email_status", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("email_attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("emailed_at", "timestamptz")
    .addCheckConstraint("notifications_email_status", sql`email_status in ('pending', 'sent', 'skipped', 'failed')`)
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("notifications_email_pending").on("notifications").column("email_status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("publications").execute();
  await sql`drop function if exists publications_immutable()`.execute(db);
  await db.schema.dropTable("proposals").execute();
}
