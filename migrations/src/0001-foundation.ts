import { sql, type Kysely } from "kysely";

/**
 * Accounts, sessions, policies, working groups, approving bodies and the audit chain.
 * Times are timestamptz; ids are UUIDs made by the application; emails are stored lowercased.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("email", "text", (col) => col.notNull().unique())
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("password_hash", "text", (col) => col.notNull())
    .addColumn("is_facilitator", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("password_changed_at", "timestamptz", (col) => col.notNull())
    .addCheckConstraint("users_email_lowercase", sql`email = lower(email)`)
    .execute();

  await db.schema
    .createTable("sessions")
    // The SHA-256 of the token, in hex: a stolen database does not yield usable tokens.
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("last_seen_at", "timestamptz", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("policies")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("summary", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("status", "text", (col) => col.notNull().defaultTo("drafting"))
    .addColumn("sign_off_rule", "text", (col) => col.notNull().defaultTo("each_affiliation"))
    .addColumn("created_by", "uuid", (col) => col.references("users.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("policy_members")
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("affiliation", "text", (col) => col.notNull())
    .addColumn("added_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("policy_members_pk", ["policy_id", "user_id"])
    .addCheckConstraint("policy_members_role", sql`role in ('editor', 'commenter', 'viewer')`)
    .execute();
  await db.schema.createIndex("policy_members_user_id").on("policy_members").column("user_id").execute();

  await db.schema
    .createTable("approving_bodies")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull().unique())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("body_representatives")
    .addColumn("body_id", "uuid", (col) => col.notNull().references("approving_bodies.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("added_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("body_representatives_pk", ["body_id", "user_id"])
    .execute();

  await db.schema
    .createTable("policy_required_bodies")
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id").onDelete("cascade"))
    .addColumn("body_id", "uuid", (col) => col.notNull().references("approving_bodies.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("policy_required_bodies_pk", ["policy_id", "body_id"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "bigint", (col) => col.primaryKey())
    .addColumn("occurred_at", "text", (col) => col.notNull())
    .addColumn("actor_id", "uuid")
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("subject_type", "text", (col) => col.notNull())
    .addColumn("subject_id", "text")
    .addColumn("payload", "jsonb", (col) => col.notNull())
    .addColumn("prev_hash", "text", (col) => col.notNull())
    .addColumn("hash", "text", (col) => col.notNull().unique())
    .execute();

  // The audit trail is append-only: the database itself refuses to change or remove an entry.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % is not allowed', tg_op;
    end;
    $$`.execute(db);
  await sql`
    create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
  await sql`drop function if exists audit_events_append_only()`.execute(db);
  for (const table of [
    "policy_required_bodies",
    "body_representatives",
    "approving_bodies",
    "policy_members",
    "policies",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
