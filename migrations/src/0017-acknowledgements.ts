import { sql, type Kysely } from "kysely";

const isoDate = (column: string) => sql.raw(`${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);

/**
 * Officers' acknowledgements (issue 18): the department's roster (unit and supervisor per account),
 * links to set a first password, campaigns that assign one published version (by hash) to an audience,
 * the assignments, quiz attempts (every one kept), the acknowledgements themselves (immutable, each also
 * an audit event), the reminders sent (one row per assignment and kind: the primary key makes each
 * reminder once, whatever the number of processes), versions marked "editorial, no new
 * acknowledgement", and whether a policy's public page shows the counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roster_people")
    .addColumn("user_id", "uuid", (column) => column.primaryKey().references("users.id"))
    .addColumn("unit", "text", (column) => column.notNull())
    .addColumn("supervisor_id", "uuid", (column) => column.references("users.id"))
    .addColumn("added_at", "timestamptz", (column) => column.notNull())
    .addColumn("updated_at", "timestamptz", (column) => column.notNull())
    .addCheckConstraint("roster_people_not_own_supervisor", sql`supervisor_id is null or supervisor_id <> user_id`)
    .execute();
  await db.schema.createIndex("roster_people_unit").on("roster_people").column("unit").execute();

  await db.schema
    .createTable("password_setup_tokens")
    .addColumn("token_hash", "text", (column) => column.primaryKey())
    .addColumn("user_id", "uuid", (column) => column.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (column) => column.notNull())
    .addColumn("expires_at", "timestamptz", (column) => column.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("acknowledgement_campaigns")
    .addColumn("id", "uuid", (column) => column.primaryKey())
    .addColumn("policy_id", "uuid", (column) => column.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (column) => column.notNull())
    .addColumn("content_hash", "text", (column) => column.notNull())
    .addColumn("title", "text", (column) => column.notNull())
    .addColumn("audience", "jsonb", (column) => column.notNull())
    .addColumn("due_date", "text", (column) => column.notNull().check(isoDate("due_date")))
    .addColumn("quiz", "jsonb")
    .addColumn("status", "text", (column) =>
      column
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'replaced')`),
    )
    .addColumn("replaced_by", "uuid", (column) => column.references("acknowledgement_campaigns.id"))
    .addColumn("created_by", "uuid", (column) => column.references("users.id"))
    .addColumn("created_at", "timestamptz", (column) => column.notNull())
    .addForeignKeyConstraint("acknowledgement_campaigns_version", ["policy_id", "version_number"], "policy_versions", [
      "policy_id",
      "number",
    ])
    .execute();

  await db.schema
    .createTable("acknowledgement_assignments")
    .addColumn("id", "uuid", (column) => column.primaryKey())
    .addColumn("campaign_id", "uuid", (column) => column.notNull().references("acknowledgement_campaigns.id"))
    .addColumn("user_id", "uuid", (column) => column.notNull().references("users.id"))
    .addColumn("policy_id", "uuid", (column) => column.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (column) => column.notNull())
    .addColumn("content_hash", "text", (column) => column.notNull())
    .addColumn("due_date", "text", (column) => column.notNull().check(isoDate("due_date")))
    .addColumn("status", "text", (column) =>
      column
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'acknowledged', 'replaced', 'covered')`),
    )
    .addColumn("assigned_at", "timestamptz", (column) => column.notNull())
    .addColumn("closed_at", "timestamptz")
    .addUniqueConstraint("acknowledgement_assignments_once", ["campaign_id", "user_id"])
    .execute();
  await db.schema.createIndex("acknowledgement_assignments_user").on("acknowledgement_assignments").column("user_id").execute();
  await db.schema
    .createIndex("acknowledgement_assignments_open_due")
    .on("acknowledgement_assignments")
    .columns(["status", "due_date"])
    .execute();

  await db.schema
    .createTable("acknowledgement_quiz_attempts")
    .addColumn("id", "uuid", (column) => column.primaryKey())
    .addColumn("assignment_id", "uuid", (column) => column.notNull().references("acknowledgement_assignments.id"))
    .addColumn("user_id", "uuid", (column) => column.notNull().references("users.id"))
    .addColumn("answers", "jsonb", (column) => column.notNull())
    .addColumn("correct", "integer", (column) => column.notNull())
    .addColumn("total", "integer", (column) => column.notNull())
    .addColumn("passed", "boolean", (column) => column.notNull())
    .addColumn("attempted_at", "timestamptz", (column) => column.notNull())
    .execute();

  await db.schema
    .createTable("acknowledgements")
    .addColumn("id", "uuid", (column) => column.primaryKey())
    .addColumn("assignment_id", "uuid", (column) => column.notNull().unique().references("acknowledgement_assignments.id"))
    .addColumn("user_id", "uuid", (column) => column.notNull().references("users.id"))
    .addColumn("policy_id", "uuid", (column) => column.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (column) => column.notNull())
    .addColumn("content_hash", "text", (column) => column.notNull())
    .addColumn("statement", "text", (column) => column.notNull())
    .addColumn("acknowledged_at", "timestamptz", (column) => column.notNull())
    .execute();
  await db.schema.createIndex("acknowledgements_user_policy").on("acknowledgements").columns(["user_id", "policy_id"]).execute();
  await sql`
    create function acknowledgements_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'acknowledgements are immutable: % is not allowed', tg_op;
    end;
    $$`.execute(db);
  await sql`
    create trigger acknowledgements_immutable before update or delete on acknowledgements
    for each row execute function acknowledgements_immutable()`.execute(db);

  await db.schema
    .createTable("acknowledgement_reminders")
    .addColumn("assignment_id", "uuid", (column) => column.notNull().references("acknowledgement_assignments.id"))
    .addColumn("kind", "text", (column) => column.notNull().check(sql`kind in ('due_in_7_days', 'due_in_1_day', 'overdue')`))
    .addColumn("sent_at", "timestamptz", (column) => column.notNull())
    .addPrimaryKeyConstraint("acknowledgement_reminders_pkey", ["assignment_id", "kind"])
    .execute();

  await db.schema
    .createTable("acknowledgement_editorial_versions")
    .addColumn("policy_id", "uuid", (column) => column.notNull().references("policies.id"))
    .addColumn("version_number", "integer", (column) => column.notNull())
    .addColumn("reason", "text", (column) => column.notNull())
    .addColumn("marked_by", "uuid", (column) => column.references("users.id"))
    .addColumn("marked_at", "timestamptz", (column) => column.notNull())
    .addPrimaryKeyConstraint("acknowledgement_editorial_versions_pkey", ["policy_id", "version_number"])
    .execute();

  await db.schema
    .createTable("acknowledgement_public_counts")
    .addColumn("policy_id", "uuid", (column) => column.primaryKey().references("policies.id"))
    .addColumn("enabled", "boolean", (column) => column.notNull())
    .addColumn("changed_by", "uuid", (column) => column.references("users.id"))
    .addColumn("changed_at", "timestamptz", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "acknowledgement_public_counts",
    "acknowledgement_editorial_versions",
    "acknowledgement_reminders",
    "acknowledgements",
    "acknowledgement_quiz_attempts",
    "acknowledgement_assignments",
    "acknowledgement_campaigns",
    "password_setup_tokens",
    "roster_people",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists acknowledgements_immutable()`.execute(db);
}
