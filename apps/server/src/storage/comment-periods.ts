import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "./database.js";
import type {
  CommentPeriodExtensionsTable,
  CommentPeriodResponsesTable,
  CommentPeriodsTable,
  PublicCommentsTable,
} from "./tables/comment-periods.js";

export type CommentPeriodRow = Selectable<CommentPeriodsTable>;
export type CommentPeriodExtensionRow = Selectable<CommentPeriodExtensionsTable>;
export type PublicCommentRow = Selectable<PublicCommentsTable>;
export type CommentPeriodResponseRow = Selectable<CommentPeriodResponsesTable>;

/**
 * A public comment without its private columns (e-mail, address hash, tokens): what every reader but
 * the verification e-mail gets, so that nothing private can reach a page or an export by mistake.
 */
export type PublicCommentRecord = Omit<PublicCommentRow, "email" | "address_hash" | "verify_token_hash" | "withdraw_token_hash">;

const recordColumns = [
  "id",
  "period_id",
  "section",
  "body",
  "quote",
  "display_name",
  "organisation",
  "commenter_kind",
  "user_id",
  "duplicate_key",
  "status",
  "received_at",
  "verified_at",
  "withdrawn_at",
  "moderated_by",
  "moderated_at",
  "rejection_reason",
  "answered_in_section",
  "no_response_reason",
] as const satisfies readonly (keyof PublicCommentRecord)[];

/** Stores a new period. */
export async function insertCommentPeriod(db: Kysely<Database>, period: Insertable<CommentPeriodsTable>): Promise<CommentPeriodRow> {
  return db.insertInto("comment_periods").values(period).returningAll().executeTakeFirstOrThrow();
}

/** One period by id, or undefined. */
export async function findCommentPeriod(db: Kysely<Database>, periodId: string): Promise<CommentPeriodRow | undefined> {
  return db.selectFrom("comment_periods").selectAll().where("id", "=", periodId).executeTakeFirst();
}

/** One period by id, its row locked until the transaction ends (extensions and moderation are serialized per period). */
export async function lockCommentPeriod(trx: Kysely<Database>, periodId: string): Promise<CommentPeriodRow | undefined> {
  return trx.selectFrom("comment_periods").selectAll().where("id", "=", periodId).forUpdate().executeTakeFirst();
}

/** Every period of a policy, newest first. */
export async function listCommentPeriods(db: Kysely<Database>, policyId: string): Promise<CommentPeriodRow[]> {
  return db.selectFrom("comment_periods").selectAll().where("policy_id", "=", policyId).orderBy("opens_at", "desc").orderBy("id").execute();
}

/** The policy's newest period, or undefined. */
export async function findLatestCommentPeriod(db: Kysely<Database>, policyId: string): Promise<CommentPeriodRow | undefined> {
  return (await listCommentPeriods(db, policyId))[0];
}

/** Moves a period's closing time and records the extension. */
export async function recordExtension(trx: Kysely<Database>, extension: Insertable<CommentPeriodExtensionsTable>): Promise<void> {
  await trx.insertInto("comment_period_extensions").values(extension).execute();
  await trx.updateTable("comment_periods").set({ closes_at: extension.closes_at }).where("id", "=", extension.period_id).execute();
}

/** A period's extensions, oldest first. */
export async function listExtensions(db: Kysely<Database>, periodId: string): Promise<CommentPeriodExtensionRow[]> {
  return db
    .selectFrom("comment_period_extensions")
    .selectAll()
    .where("period_id", "=", periodId)
    .orderBy("extended_at")
    .orderBy("id")
    .execute();
}

/** Stores a comment. */
export async function insertPublicComment(trx: Kysely<Database>, comment: Insertable<PublicCommentsTable>): Promise<void> {
  await trx.insertInto("public_comments").values(comment).execute();
}

/** How many comments an address hash and an e-mail sent since `since` (any status: a flood counts whatever became of it). */
export async function countRecentComments(
  db: Kysely<Database>,
  since: Date,
  addressHash: string,
  email: string | null,
): Promise<{ byAddress: number; byEmail: number | null }> {
  const byAddress = await db
    .selectFrom("public_comments")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("address_hash", "=", addressHash)
    .where("received_at", ">", since)
    .executeTakeFirstOrThrow();
  if (email === null) return { byAddress: Number(byAddress.count), byEmail: null };
  const byEmail = await db
    .selectFrom("public_comments")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("email", "=", email)
    .where("received_at", ">", since)
    .executeTakeFirstOrThrow();
  return { byAddress: Number(byAddress.count), byEmail: Number(byEmail.count) };
}

/** The comments of a period, oldest first, optionally only those of the given statuses. Never the private columns. */
export async function listPublicComments(
  db: Kysely<Database>,
  periodId: string,
  statuses?: readonly PublicCommentRow["status"][],
): Promise<PublicCommentRecord[]> {
  let query = db.selectFrom("public_comments").select(recordColumns).where("period_id", "=", periodId);
  if (statuses) query = query.where("status", "in", [...statuses]);
  return query.orderBy("received_at").orderBy("id").execute();
}

/** One comment of a period, locked, without its private columns; or undefined. */
export async function lockPublicComment(
  trx: Kysely<Database>,
  periodId: string,
  commentId: string,
): Promise<PublicCommentRecord | undefined> {
  return trx
    .selectFrom("public_comments")
    .select(recordColumns)
    .where("period_id", "=", periodId)
    .where("id", "=", commentId)
    .forUpdate()
    .executeTakeFirst();
}

/** The comment a verification or withdrawal token belongs to, locked; or undefined. */
export async function lockCommentByToken(
  trx: Kysely<Database>,
  which: "verify" | "withdraw",
  tokenHash: string,
): Promise<PublicCommentRecord | undefined> {
  return trx
    .selectFrom("public_comments")
    .select(recordColumns)
    .where(which === "verify" ? "verify_token_hash" : "withdraw_token_hash", "=", tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Changes a comment's status and what goes with it. */
export async function updatePublicComment(
  trx: Kysely<Database>,
  commentId: string,
  update: Partial<
    Pick<
      PublicCommentRow,
      | "status"
      | "moderated_by"
      | "moderated_at"
      | "rejection_reason"
      | "verified_at"
      | "withdrawn_at"
      | "answered_in_section"
      | "no_response_reason"
    >
  >,
): Promise<void> {
  await trx.updateTable("public_comments").set(update).where("id", "=", commentId).execute();
}

/** Writes (or rewrites) the response for one section of a period. */
export async function upsertSectionResponse(trx: Kysely<Database>, response: Insertable<CommentPeriodResponsesTable>): Promise<void> {
  await trx
    .insertInto("comment_period_responses")
    .values(response)
    .onConflict((conflict) =>
      conflict.columns(["period_id", "section"]).doUpdateSet({
        response: response.response,
        written_by: response.written_by,
        written_at: response.written_at,
      }),
    )
    .execute();
}

/** A period's responses, by section number order as stored (callers sort by the document's order). */
export async function listSectionResponses(db: Kysely<Database>, periodId: string): Promise<CommentPeriodResponseRow[]> {
  return db.selectFrom("comment_period_responses").selectAll().where("period_id", "=", periodId).orderBy("section").execute();
}

/** Records which period a proposal answered. */
export async function linkProposalToPeriod(trx: Kysely<Database>, proposalId: string, periodId: string): Promise<void> {
  await trx.insertInto("comment_period_proposals").values({ proposal_id: proposalId, period_id: periodId }).execute();
}

/** The period a proposal answered, or undefined. */
export async function findPeriodOfProposal(db: Kysely<Database>, proposalId: string): Promise<CommentPeriodRow | undefined> {
  return db
    .selectFrom("comment_period_proposals")
    .innerJoin("comment_periods", "comment_periods.id", "comment_period_proposals.period_id")
    .selectAll("comment_periods")
    .where("comment_period_proposals.proposal_id", "=", proposalId)
    .executeTakeFirst();
}

/** The periods open at `now`, with their policy's slug, title and summary, by title (the public index lists them). */
export async function listOpenCommentPeriods(
  db: Kysely<Database>,
  now: Date,
): Promise<{ slug: string; title: string; summary: string; closes_at: Date }[]> {
  return db
    .selectFrom("comment_periods")
    .innerJoin("policies", "policies.id", "comment_periods.policy_id")
    .select(["policies.slug", "policies.title", "policies.summary", "comment_periods.closes_at"])
    .where("comment_periods.opens_at", "<=", now)
    .where("comment_periods.closes_at", ">", now)
    .orderBy("policies.title")
    .execute();
}

/** The newest proposal that answered a period: its version number, or undefined when none has yet. */
export async function findLatestProposalOfPeriod(db: Kysely<Database>, periodId: string): Promise<{ version_number: number } | undefined> {
  return db
    .selectFrom("comment_period_proposals")
    .innerJoin("proposals", "proposals.id", "comment_period_proposals.proposal_id")
    .select("proposals.version_number")
    .where("comment_period_proposals.period_id", "=", periodId)
    .orderBy("proposals.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The next instant after `now` at which some period opens or closes, or null when none will. The public
 * site's cached pages say which periods are open, so they must not outlive it.
 */
export async function findNextPeriodBoundary(db: Kysely<Database>, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom("comment_periods")
    .select((eb) => [
      eb.fn.min("opens_at").filterWhere("opens_at", ">", now).as("next_open"),
      eb.fn.min("closes_at").filterWhere("closes_at", ">", now).as("next_close"),
    ])
    .executeTakeFirst();
  const candidates = [row?.next_open, row?.next_close].filter((value): value is Date => value != null).map((value) => new Date(value));
  return candidates.length === 0 ? null : new Date(Math.min(...candidates.map((value) => value.getTime())));
}
