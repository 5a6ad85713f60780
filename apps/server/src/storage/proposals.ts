import { type Insertable, type Kysely, type Selectable } from "kysely";
import type { ProposalStage, ProposalState } from "@accord/workflow";
import type { Database } from "./database.js";
import type { ProposalsTable, PublicationsTable } from "./tables/proposals.js";

export type ProposalRow = Selectable<ProposalsTable>;
export type PublicationRow = Selectable<PublicationsTable>;

// jsonb goes in as text: pg would otherwise send a JS array as a PostgreSQL array.
const asJson = (state: ProposalState) => JSON.stringify(state) as unknown as ProposalState;

/** The stages in which a proposal is still open, and a newer proposal supersedes it. */
export const openStages: readonly ProposalStage[] = ["review", "awaiting_approval", "approved"];

export async function insertProposal(db: Kysely<Database>, state: ProposalState, now: Date): Promise<void> {
  await db
    .insertInto("proposals")
    .values({
      id: state.id,
      policy_id: state.policyId,
      version_number: state.versionNumber,
      content_hash: state.contentHash,
      stage: state.stage,
      state: asJson(state),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function saveProposalState(db: Kysely<Database>, state: ProposalState, now: Date): Promise<void> {
  await db
    .updateTable("proposals")
    .set({ stage: state.stage, state: asJson(state), updated_at: now })
    .where("id", "=", state.id)
    .execute();
}

/**
 * A proposal, locked for the rest of the transaction: concurrent decisions, sign-offs and a superseding
 * proposal on the same row wait for each other, so each sees the other's result.
 */
export async function lockProposal(trx: Kysely<Database>, proposalId: string): Promise<ProposalRow | undefined> {
  return trx.selectFrom("proposals").selectAll().where("id", "=", proposalId).forUpdate().executeTakeFirst();
}

export async function findProposal(db: Kysely<Database>, proposalId: string): Promise<ProposalRow | undefined> {
  return db.selectFrom("proposals").selectAll().where("id", "=", proposalId).executeTakeFirst();
}

/**
 * Locks a policy's row for a workflow change. Every workflow transaction takes this lock first and the
 * proposal rows after it, so two of them can never wait for each other in opposite orders (a deadlock).
 * FOR NO KEY UPDATE, so that foreign-key checks of rows that merely point at the policy (notifications,
 * audit) do not wait for it.
 */
export async function lockPolicyForWorkflow(trx: Kysely<Database>, policyId: string): Promise<void> {
  await trx.selectFrom("policies").select("id").where("id", "=", policyId).forNoKeyUpdate().execute();
}

/** The open proposals of a policy, locked, after the policy itself (see lockPolicyForWorkflow). */
export async function lockOpenProposals(trx: Kysely<Database>, policyId: string): Promise<ProposalRow[]> {
  await lockPolicyForWorkflow(trx, policyId);
  return trx.selectFrom("proposals").selectAll().where("policy_id", "=", policyId).where("stage", "in", openStages).forUpdate().execute();
}

/** Every proposal of a policy, newest first. */
export async function listProposals(db: Kysely<Database>, policyId: string): Promise<ProposalRow[]> {
  return db.selectFrom("proposals").selectAll().where("policy_id", "=", policyId).orderBy("created_at", "desc").execute();
}

/** Open proposals across the given policies (for "waiting for me"). */
export async function listOpenProposals(db: Kysely<Database>, policyIds: readonly string[]): Promise<ProposalRow[]> {
  if (policyIds.length === 0) return [];
  return db
    .selectFrom("proposals")
    .selectAll()
    .where("policy_id", "in", policyIds)
    .where("stage", "in", openStages)
    .orderBy("created_at", "desc")
    .execute();
}

export async function insertPublication(db: Kysely<Database>, publication: Insertable<PublicationsTable>): Promise<void> {
  await db.insertInto("publications").values(publication).execute();
}

/** Every publication of a policy, newest first (the first is the current one). */
export async function listPublications(db: Kysely<Database>, policyId: string): Promise<PublicationRow[]> {
  return db.selectFrom("publications").selectAll().where("policy_id", "=", policyId).orderBy("published_at", "desc").execute();
}

/** Display names of users by id, for showing who signed and decided. */
export async function findDisplayNames(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", unique).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** The body ids a user represents. */
export async function findRepresentedBodyIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("body_representatives").select("body_id").where("user_id", "=", userId).execute();
  return rows.map((row) => row.body_id);
}

/** The facilitators' ids (for notifications). */
export async function findFacilitatorIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("users").select("id").where("is_facilitator", "=", true).where("disabled_at", "is", null).execute();
  return rows.map((row) => row.id);
}

/** Representatives of the given bodies (for notifications). */
export async function findRepresentativeIds(db: Kysely<Database>, bodyIds: readonly string[]): Promise<string[]> {
  if (bodyIds.length === 0) return [];
  const rows = await db.selectFrom("body_representatives").select("user_id").where("body_id", "in", bodyIds).execute();
  return [...new Set(rows.map((row) => row.user_id))];
}
