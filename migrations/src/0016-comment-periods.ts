import { sql, type Kysely } from "kysely";

/**
 * Public comment periods (issue 17): the public comments, section by section, on one saved version of a
 * policy between an opening and a closing time; the working group answers per section once it closes.
 *
 * Nothing here is ever deleted: moderation, withdrawal and answers change a comment's status and keep
 * its row. A commenter's e-mail address and a hash of their network address are kept only for the
 * verification e-mail and the rate limits; no public page or export reads those columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comment_periods")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("policy_id", "uuid", (col) => col.notNull().references("policies.id"))
    // The commented version, by number and by the hash the facilitator saw (both must match at opening).
    .addColumn("version_number", "integer", (col) => col.notNull())
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("opens_at", "timestamptz", (col) => col.notNull())
    // The closing time now: an extension moves it and is recorded in comment_period_extensions.
    .addColumn("closes_at", "timestamptz", (col) => col.notNull())
    .addColumn("allow_anonymous", "boolean", (col) => col.notNull())
    .addColumn("allow_verified_email", "boolean", (col) => col.notNull())
    .addColumn("allow_signed_in", "boolean", (col) => col.notNull())
    .addColumn("allow_organisation", "boolean", (col) => col.notNull())
    .addColumn("created_by", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addCheckConstraint("comment_periods_closes_after_opening", sql`closes_at > opens_at`)
    .addCheckConstraint("comment_periods_someone_may_comment", sql`allow_anonymous or allow_verified_email or allow_signed_in`)
    .execute();
  await db.schema.createIndex("comment_periods_policy").on("comment_periods").columns(["policy_id", "opens_at"]).execute();

  await db.schema
    .createTable("comment_period_extensions")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("period_id", "uuid", (col) => col.notNull().references("comment_periods.id"))
    .addColumn("previous_closes_at", "timestamptz", (col) => col.notNull())
    .addColumn("closes_at", "timestamptz", (col) => col.notNull())
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("extended_by", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("extended_at", "timestamptz", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("public_comments")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("period_id", "uuid", (col) => col.notNull().references("comment_periods.id"))
    // The section number ("2.1") of the commented version.
    .addColumn("section", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("quote", "text", (col) => col.notNull())
    // The name to publish ("" when anonymous) and "on behalf of" ("" when none).
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("organisation", "text", (col) => col.notNull())
    .addColumn("commenter_kind", "text", (col) => col.notNull())
    .addColumn("user_id", "uuid", (col) => col.references("users.id"))
    // Private: only for the verification e-mail and the per-e-mail limit.
    .addColumn("email", "text")
    // Private: a SHA-256 of the network address, only for the per-address limit.
    .addColumn("address_hash", "text", (col) => col.notNull())
    .addColumn("duplicate_key", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("received_at", "timestamptz", (col) => col.notNull())
    // SHA-256 of the tokens of the verification e-mail's two links (confirm, "this was not me").
    .addColumn("verify_token_hash", "text")
    .addColumn("withdraw_token_hash", "text")
    .addColumn("verified_at", "timestamptz")
    .addColumn("withdrawn_at", "timestamptz")
    .addColumn("moderated_by", "uuid", (col) => col.references("users.id"))
    .addColumn("moderated_at", "timestamptz")
    .addColumn("rejection_reason", "text")
    // The working group's answer: the section whose response answers it, or why none is needed.
    .addColumn("answered_in_section", "text")
    .addColumn("no_response_reason", "text")
    .addCheckConstraint("public_comments_status", sql`status in ('unverified', 'pending', 'published', 'held', 'rejected', 'withdrawn')`)
    .addCheckConstraint("public_comments_rejected_with_reason", sql`(status = 'rejected') = (rejection_reason is not null)`)
    .execute();
  await db.schema.createIndex("public_comments_period").on("public_comments").columns(["period_id", "status", "section"]).execute();
  await db.schema.createIndex("public_comments_address").on("public_comments").columns(["address_hash", "received_at"]).execute();
  await db.schema.createIndex("public_comments_email").on("public_comments").columns(["email", "received_at"]).execute();
  await db.schema.createIndex("public_comments_verify_token").on("public_comments").column("verify_token_hash").execute();
  await db.schema.createIndex("public_comments_withdraw_token").on("public_comments").column("withdraw_token_hash").execute();

  // The verification e-mails: an outbox, sent after the comment's transaction commits by the mailer.
  await db.schema
    .createTable("public_comment_emails")
    .addColumn("id", "uuid", (col) => col.primaryKey())
    .addColumn("comment_id", "uuid", (col) => col.notNull().references("public_comments.id"))
    .addColumn("recipient", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("sent_at", "timestamptz")
    .addColumn("claimed_until", "timestamptz")
    .execute();
  await db.schema.createIndex("public_comment_emails_pending").on("public_comment_emails").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("comment_period_responses")
    .addColumn("period_id", "uuid", (col) => col.notNull().references("comment_periods.id"))
    .addColumn("section", "text", (col) => col.notNull())
    // What changed in the section and why, as the working group words it.
    .addColumn("response", "text", (col) => col.notNull())
    .addColumn("written_by", "uuid", (col) => col.notNull().references("users.id"))
    .addColumn("written_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("comment_period_responses_pkey", ["period_id", "section"])
    .execute();

  // Which period a proposal answered: its approval record cites the period, its comments and the response.
  await db.schema
    .createTable("comment_period_proposals")
    .addColumn("proposal_id", "uuid", (col) => col.primaryKey().references("proposals.id"))
    .addColumn("period_id", "uuid", (col) => col.notNull().references("comment_periods.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "comment_period_proposals",
    "comment_period_responses",
    "public_comment_emails",
    "public_comments",
    "comment_period_extensions",
    "comment_periods",
  ])
    await db.schema.dropTable(table).execute();
}
