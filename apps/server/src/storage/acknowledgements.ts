import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { AssignmentStatus, CampaignAudience, Quiz } from "@accord/domain";
import type { Database } from "./database.js";
import type {
  AcknowledgementAssignmentsTable,
  AcknowledgementCampaignsTable,
  AcknowledgementQuizAttemptsTable,
  AcknowledgementsTable,
} from "./tables/acknowledgements.js";

export type CampaignRow = Selectable<AcknowledgementCampaignsTable>;
export type AssignmentRow = Selectable<AcknowledgementAssignmentsTable>;
export type QuizAttemptRow = Selectable<AcknowledgementQuizAttemptsTable>;
export type AcknowledgementRow = Selectable<AcknowledgementsTable>;

// jsonb columns are written as JSON text, the same on pg and PGlite.
const asJson = <Value>(value: Value) => JSON.stringify(value) as unknown as Value;

/** Stores a new campaign. */
export async function insertCampaign(
  db: Kysely<Database>,
  campaign: Omit<Insertable<AcknowledgementCampaignsTable>, "audience" | "quiz"> & { audience: CampaignAudience; quiz: Quiz | null },
): Promise<CampaignRow> {
  return db
    .insertInto("acknowledgement_campaigns")
    .values({ ...campaign, audience: asJson(campaign.audience), quiz: campaign.quiz === null ? null : asJson(campaign.quiz) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCampaign(db: Kysely<Database>, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom("acknowledgement_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Every campaign, newest first. */
export async function listCampaigns(db: Kysely<Database>): Promise<CampaignRow[]> {
  return db
    .selectFrom("acknowledgement_campaigns")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("version_number", "desc")
    .orderBy("id")
    .execute();
}

/** The open campaigns (of one policy, or of all), locked for the caller's transaction. */
export async function lockOpenCampaigns(trx: Kysely<Database>, policyId?: string): Promise<CampaignRow[]> {
  let query = trx.selectFrom("acknowledgement_campaigns").selectAll().where("status", "=", "open");
  if (policyId) query = query.where("policy_id", "=", policyId);
  return query.orderBy("created_at").forUpdate().execute();
}

export async function markCampaignReplaced(trx: Kysely<Database>, id: string, replacedBy: string): Promise<void> {
  await trx.updateTable("acknowledgement_campaigns").set({ status: "replaced", replaced_by: replacedBy }).where("id", "=", id).execute();
}

/** Assigns people; someone the campaign already assigned is skipped (the unique key decides). */
export async function insertAssignments(
  trx: Kysely<Database>,
  rows: readonly Insertable<AcknowledgementAssignmentsTable>[],
): Promise<AssignmentRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto("acknowledgement_assignments")
    .values([...rows])
    .onConflict((conflict) => conflict.columns(["campaign_id", "user_id"]).doNothing())
    .returningAll()
    .execute();
}

export async function findAssignment(db: Kysely<Database>, id: string): Promise<AssignmentRow | undefined> {
  return db.selectFrom("acknowledgement_assignments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One assignment, locked: two acknowledgements of it at once end with one. */
export async function lockAssignment(trx: Kysely<Database>, id: string): Promise<AssignmentRow | undefined> {
  return trx.selectFrom("acknowledgement_assignments").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** A person's assignments, the open ones first, then by due date. */
export async function listAssignmentsOfUser(db: Kysely<Database>, userId: string): Promise<AssignmentRow[]> {
  return db
    .selectFrom("acknowledgement_assignments")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy(sql`case when status = 'open' then 0 else 1 end`)
    .orderBy("due_date")
    .orderBy("assigned_at")
    .execute();
}

export async function listAssignmentsOfCampaign(db: Kysely<Database>, campaignId: string): Promise<AssignmentRow[]> {
  return db.selectFrom("acknowledgement_assignments").selectAll().where("campaign_id", "=", campaignId).execute();
}

/** Every assignment of a policy, locked (a new publication replaces the open ones). */
export async function lockAssignmentsOfPolicy(trx: Kysely<Database>, policyId: string): Promise<AssignmentRow[]> {
  return trx.selectFrom("acknowledgement_assignments").selectAll().where("policy_id", "=", policyId).forUpdate().execute();
}

/** Closes assignments: acknowledged, replaced by a newer version, or covered by an editorial one. */
export async function closeAssignments(
  trx: Kysely<Database>,
  ids: readonly string[],
  status: Exclude<AssignmentStatus, "open">,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable("acknowledgement_assignments").set({ status, closed_at: now }).where("id", "in", ids).execute();
}

/** Keeps one quiz attempt (every attempt is kept). */
export async function insertQuizAttempt(
  trx: Kysely<Database>,
  attempt: Omit<Insertable<AcknowledgementQuizAttemptsTable>, "answers"> & { answers: number[] },
): Promise<QuizAttemptRow> {
  return trx
    .insertInto("acknowledgement_quiz_attempts")
    .values({ ...attempt, answers: asJson(attempt.answers) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An assignment's quiz attempts, oldest first. */
export async function listQuizAttempts(db: Kysely<Database>, assignmentId: string): Promise<QuizAttemptRow[]> {
  return db
    .selectFrom("acknowledgement_quiz_attempts")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .orderBy("attempted_at")
    .orderBy("id")
    .execute();
}

/** Every quiz attempt of one person, oldest first. */
export async function listQuizAttemptsOfUser(db: Kysely<Database>, userId: string): Promise<QuizAttemptRow[]> {
  return db
    .selectFrom("acknowledgement_quiz_attempts")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("attempted_at")
    .orderBy("id")
    .execute();
}

export async function insertAcknowledgement(trx: Kysely<Database>, row: Insertable<AcknowledgementsTable>): Promise<AcknowledgementRow> {
  return trx.insertInto("acknowledgements").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAcknowledgementOfAssignment(db: Kysely<Database>, assignmentId: string): Promise<AcknowledgementRow | undefined> {
  return db.selectFrom("acknowledgements").selectAll().where("assignment_id", "=", assignmentId).executeTakeFirst();
}

/** A person's acknowledgements (of one policy, or all), oldest first. */
export async function listAcknowledgementsOfUser(db: Kysely<Database>, userId: string, policyId?: string): Promise<AcknowledgementRow[]> {
  let query = db.selectFrom("acknowledgements").selectAll().where("user_id", "=", userId);
  if (policyId) query = query.where("policy_id", "=", policyId);
  return query.orderBy("acknowledged_at").orderBy("id").execute();
}

/** Every acknowledgement, for the check against the audit chain. */
export async function listAllAcknowledgements(db: Kysely<Database>): Promise<AcknowledgementRow[]> {
  return db.selectFrom("acknowledgements").selectAll().orderBy("acknowledged_at").orderBy("id").execute();
}

/** The payloads of the audit events that recorded acknowledgements, by acknowledgement id. */
export async function listAcknowledgementAuditPayloads(db: Kysely<Database>): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom("audit_events").select(["subject_id", "payload"]).where("action", "=", "acknowledgement.made").execute();
  return new Map(rows.map((row) => [row.subject_id ?? "", row.payload as Record<string, unknown>]));
}

/** Per version of a policy: how many people were assigned it and how many acknowledged it. */
export async function countAcknowledgementsPerVersion(
  db: Kysely<Database>,
  policyId: string,
): Promise<{ versionNumber: number; assigned: number; acknowledged: number }[]> {
  const rows = await db
    .selectFrom("acknowledgement_assignments")
    .select((eb) => [
      "version_number",
      eb.fn.count<string>("user_id").distinct().as("assigned"),
      eb.fn.count<string>("user_id").distinct().filterWhere("status", "in", ["acknowledged", "covered"]).as("acknowledged"),
    ])
    .where("policy_id", "=", policyId)
    .where("status", "!=", "replaced")
    .groupBy("version_number")
    .orderBy("version_number", "desc")
    .execute();
  return rows.map((row) => ({ versionNumber: row.version_number, assigned: Number(row.assigned), acknowledged: Number(row.acknowledged) }));
}
