import { affiliationLabels } from "@accord/domain";
import type { ProposalState } from "@accord/workflow";
import type { Kysely } from "kysely";
import type { ApprovalRecord } from "../../exports/version-export.js";
import type { Database } from "../../storage/database.js";
import { findDisplayNames } from "../../storage/proposals.js";
import { consultationSentence, findConsultationCitation } from "../comment-periods/public-consultation.js";

/**
 * The approval record of a version, once it is approved: the proposal of that exact hash that reached
 * approval (or publication), its sign-offs by affiliation and each body's decision. Null until then.
 */
export async function findApprovalRecord(db: Kysely<Database>, policyId: string, versionNumber: number): Promise<ApprovalRecord | null> {
  const rows = await db
    .selectFrom("proposals")
    .select("state")
    .where("policy_id", "=", policyId)
    .where("version_number", "=", versionNumber)
    .where("stage", "in", ["approved", "published"])
    .orderBy("created_at", "desc")
    .limit(1)
    .execute();
  const state = rows[0]?.state;
  if (!state) return null;
  const citation = await findConsultationCitation(db, state.id);
  return { ...approvalRecordOf(state, await namesOf(db, state)), ...(citation ? { publicComment: consultationSentence(citation) } : {}) };
}

async function namesOf(db: Kysely<Database>, state: ProposalState): Promise<Map<string, string>> {
  return findDisplayNames(db, [
    ...state.signOffs.map((signOff) => signOff.userId),
    ...state.decisions.map((decision) => decision.recordedBy),
  ]);
}

/** The printable approval record of an approved proposal. */
export function approvalRecordOf(state: ProposalState, names: ReadonlyMap<string, string>): ApprovalRecord {
  const byAffiliation = new Map<string, string[]>();
  for (const signOff of state.signOffs) {
    const label = affiliationLabels[signOff.affiliation];
    byAffiliation.set(label, [...(byAffiliation.get(label) ?? []), names.get(signOff.userId) ?? "A member"]);
  }
  return {
    signOffs: [...byAffiliation.entries()].map(([affiliation, people]) => ({ affiliation, names: people })),
    decisions: state.decisions.map((decision) => ({
      body: state.requiredBodies.find((body) => body.bodyId === decision.bodyId)?.name ?? "An approving body",
      decision: decision.decision === "approve" ? "approved" : "rejected",
      decidedOn: decision.meetingDate,
      meetingReference: decision.meetingReference,
      representative: names.get(decision.recordedBy) ?? "A representative",
      reason: decision.reason,
      voteTally: decision.voteTally,
    })),
    publishedOn: state.publication?.publishedAt.slice(0, 10),
    effectiveOn: state.publication?.effectiveDate,
  };
}
