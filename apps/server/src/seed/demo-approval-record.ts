import type { Kysely } from "kysely";
import { bodyWornCameraPublishedDocument, canonicalizeDocument, documentToPlainText } from "@accord/policy-schema";
import { createProposal, transition, type ProposalState, type WorkflowActor, type WorkflowEvent } from "@accord/workflow";
import { encodeDraftState } from "../drafts/yjs-draft.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";
import { findPolicyById, updatePolicy } from "../storage/policies.js";
import { insertProposal, insertPublication, saveProposalState } from "../storage/proposals.js";
import { insertVersion } from "../storage/versions.js";

/** Who took part, as the demo seed knows them. */
export interface DemoCast {
  policyId: string;
  facilitatorId: string;
  members: { userId: string; role: "editor" | "commenter" | "viewer"; affiliation: "police" | "citizen" | "prosecutor" | "community" }[];
  board: { bodyId: string; name: string; representativeId: string };
  union: { bodyId: string; name: string; representativeId: string };
}

const day = 24 * 60 * 60 * 1000;

/**
 * Version 1 of the body-worn camera policy with its whole record, as a newcomer should find it: saved,
 * proposed, signed off by each affiliation, approved by the board and the union with their meeting
 * references, and published. Built with the same workflow rules as live use, at dates in the past.
 */
export async function seedDemoApprovalRecord(trx: Kysely<Database>, cast: DemoCast, now: Date): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  const canonical = canonicalizeDocument(bodyWornCameraPublishedDocument);
  const officer = cast.members.find((member) => member.affiliation === "police")!;
  const version = await insertVersion(trx, {
    id: crypto.randomUUID(),
    policy_id: cast.policyId,
    number: 1,
    label: "Approved policy",
    note: "The working group's first complete policy.",
    author_id: officer.userId,
    created_at: at(60),
    canonical_json: canonical.json,
    content_hash: canonical.hash,
    yjs_state: encodeDraftState(bodyWornCameraPublishedDocument),
    word_count: documentToPlainText(canonical.node).split(/\s+/).filter(Boolean).length,
    words_added: documentToPlainText(canonical.node).split(/\s+/).filter(Boolean).length,
    words_removed: 0,
  });
  const audit = (
    daysAgo: number,
    actorId: string,
    action: string,
    subjectType: string,
    subjectId: string,
    payload: Record<string, string | number>,
  ) => appendAuditEvent(trx, { occurredAt: at(daysAgo), actorId, action, subjectType, subjectId, payload: { ...payload, demo: 1 } });
  await audit(60, officer.userId, "version.saved", "policy", cast.policyId, { versionNumber: 1, contentHash: canonical.hash });

  const actorOf = (userId: string, extra: Partial<WorkflowActor> = {}): WorkflowActor => {
    const member = cast.members.find((candidate) => candidate.userId === userId);
    return {
      userId,
      isFacilitator: userId === cast.facilitatorId,
      role: member?.role ?? null,
      affiliation: member?.affiliation ?? null,
      representedBodyIds: [],
      ...extra,
    };
  };
  let state: ProposalState = createProposal(
    {
      id: crypto.randomUUID(),
      policyId: cast.policyId,
      versionNumber: version.number,
      contentHash: canonical.hash,
      note: "Ready for the working group's sign-off.",
      deadline: at(45).toISOString().slice(0, 10),
      proposedAt: at(58).toISOString(),
      signOffRule: "each_affiliation",
      workingGroup: cast.members,
      requiredBodies: [cast.board, cast.union].map(({ bodyId, name }) => ({ bodyId, name })),
    },
    actorOf(cast.facilitatorId),
  );
  await insertProposal(trx, state, at(58));
  await audit(58, cast.facilitatorId, "proposal.created", "proposal", state.id, { versionNumber: 1, contentHash: canonical.hash });

  const steps: [number, WorkflowActor, WorkflowEvent][] = [
    ...cast.members
      .filter((member) => member.role === "editor")
      .map((member, index): [number, WorkflowActor, WorkflowEvent] => [
        55 - index,
        actorOf(member.userId),
        { kind: "sign_off", at: at(55 - index).toISOString() },
      ]),
    [
      40,
      actorOf(cast.board.representativeId, { representedBodyIds: [cast.board.bodyId] }),
      {
        kind: "record_decision",
        at: at(40).toISOString(),
        bodyId: cast.board.bodyId,
        decision: "approve",
        reason: "Adopted as presented after public comment.",
        meetingDate: at(40).toISOString().slice(0, 10),
        meetingReference: "Resolution 2026-041",
        voteTally: { for: 4, against: 1, abstain: 0 },
      },
    ],
    [
      35,
      actorOf(cast.union.representativeId, { representedBodyIds: [cast.union.bodyId] }),
      {
        kind: "record_decision",
        at: at(35).toISOString(),
        bodyId: cast.union.bodyId,
        decision: "approve",
        reason: "Agreed under the memorandum of understanding on body-worn cameras.",
        meetingDate: at(35).toISOString().slice(0, 10),
        meetingReference: "Executive board minutes, item 7",
      },
    ],
    [30, actorOf(cast.facilitatorId), { kind: "publish", at: at(30).toISOString(), effectiveDate: at(21).toISOString().slice(0, 10) }],
  ];
  for (const [daysAgo, actor, event] of steps) {
    state = transition(state, event, actor);
    await audit(daysAgo, actor.userId, `proposal.${event.kind}`, "proposal", state.id, {
      versionNumber: 1,
      contentHash: canonical.hash,
      stage: state.stage,
    });
  }
  await saveProposalState(trx, state, at(30));
  // Published with the policy's title and summary as they stand, as a live publication would be.
  const policy = await findPolicyById(trx, cast.policyId);
  if (!policy) throw new Error("The demo policy must be inserted before its approval record.");
  await insertPublication(trx, {
    id: crypto.randomUUID(),
    policy_id: cast.policyId,
    version_number: 1,
    content_hash: canonical.hash,
    proposal_id: state.id,
    effective_date: state.publication!.effectiveDate,
    published_at: at(30),
    published_by: cast.facilitatorId,
    title: policy.title,
    summary: policy.summary,
  });
  await updatePolicy(trx, cast.policyId, { status: "published", updated_at: now });
}
