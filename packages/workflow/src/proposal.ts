import { AccordError, canOnPolicy, signOffRules, type Affiliation, type PolicyRole, type SignOffRule } from "@accord/domain";
import { assertCalendarDate, assertContentHash, assertNonEmpty, assertOneOf, assertTimestamp, optionalText } from "./input-checks.js";
import { assertStageAllows } from "./stage-rules.js";
import type { ElectorateMember, ProposalState, RequiredBody, WorkflowActor } from "./types.js";

/** One member of the policy's working group as it stands when the version is proposed. */
export interface WorkingGroupMember {
  readonly userId: string;
  readonly role: PolicyRole;
  readonly affiliation: Affiliation;
}

/** What the facilitator puts forward, and the policy's settings at that moment. */
export interface ProposalInput {
  /** The proposal's id, made by the caller (the rules use no randomness). */
  readonly id: string;
  readonly policyId: string;
  readonly versionNumber: number;
  /** SHA-256 of the version's canonical JSON, in lowercase hex. */
  readonly contentHash: string;
  readonly note?: string;
  /** An ISO date or time by which the working group is asked to respond, or null. */
  readonly deadline?: string | null;
  readonly proposedAt: string;
  /** The policy's sign-off rule; each_affiliation when not given. */
  readonly signOffRule?: SignOffRule;
  /** The whole working group: its editors become the electorate. */
  readonly workingGroup: readonly WorkingGroupMember[];
  /** The policy's required approving bodies. */
  readonly requiredBodies: readonly RequiredBody[];
}

function assertDeadline(deadline: string): void {
  if (deadline.includes("T")) assertTimestamp(deadline, "/deadline", "deadline");
  else assertCalendarDate(deadline, "/deadline", "deadline");
}

function assertUnique(ids: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new AccordError("validation_failed", `${what} ${JSON.stringify(id)} is listed twice.`, {
        fields: [{ path, message: `${what} ${JSON.stringify(id)} is listed twice.` }],
      });
    }
    seen.add(id);
  }
}

/**
 * Opens a proposal of one version in working-group review. Only the facilitator proposes (the permission
 * table's `proposal.create`). The electorate (the editors, with their affiliations) and the required
 * bodies are copied now, so that later changes to the group or the bodies do not change who decides
 * this version. Refuses a proposal that could never pass: one with no editors (empty_electorate) or no
 * approving bodies (no_required_bodies). Superseding an open proposal is the caller's other half: see
 * `supersede`.
 */
export function createProposal(input: ProposalInput, actor: WorkflowActor): ProposalState {
  const asPolicyActor = { isFacilitator: actor.isFacilitator, role: actor.role, representsRequiredBody: false };
  if (!canOnPolicy(asPolicyActor, "proposal.create")) {
    throw new AccordError("forbidden", "Only the facilitator can propose a version.");
  }
  assertNonEmpty(input.id, "/id", "proposal id");
  assertNonEmpty(input.policyId, "/policyId", "policy id");
  if (!Number.isSafeInteger(input.versionNumber) || input.versionNumber < 1) {
    throw new AccordError(
      "validation_failed",
      `The version number must be a whole number from 1, got ${JSON.stringify(input.versionNumber)}.`,
      {
        fields: [{ path: "/versionNumber", message: "The version number must be a whole number from 1." }],
      },
    );
  }
  assertContentHash(input.contentHash);
  assertTimestamp(input.proposedAt, "/proposedAt", "proposal time");
  const deadline = input.deadline ?? null;
  if (deadline !== null) assertDeadline(deadline);
  const signOffRule = input.signOffRule ?? "each_affiliation";
  assertOneOf(signOffRule, signOffRules, "/signOffRule", "sign-off rule");
  assertUnique(
    input.workingGroup.map((member) => member.userId),
    "/workingGroup",
    "The member",
  );
  assertUnique(
    input.requiredBodies.map((body) => body.bodyId),
    "/requiredBodies",
    "The body",
  );

  const electorate: ElectorateMember[] = input.workingGroup
    .filter((member) => member.role === "editor")
    .map((member) => ({ userId: member.userId, affiliation: member.affiliation }));
  if (electorate.length === 0) throw new AccordError("empty_electorate");
  if (input.requiredBodies.length === 0) throw new AccordError("no_required_bodies");

  return {
    id: input.id,
    policyId: input.policyId,
    versionNumber: input.versionNumber,
    contentHash: input.contentHash,
    note: optionalText(input.note),
    deadline,
    proposedBy: actor.userId,
    proposedAt: input.proposedAt,
    stage: "review",
    signOffRule,
    electorate,
    requiredBodies: input.requiredBodies.map((body) => ({ bodyId: body.bodyId, name: body.name })),
    signOffs: [],
    objections: [],
    sectionPositions: [],
    sectionPositionHistory: [],
    decisions: [],
  };
}

/**
 * Closes an open proposal (in review, awaiting approval, or approved but not published) because a newer
 * one was made. Its whole record is kept; it takes no more events. The caller authorizes this as part
 * of creating the newer proposal, so it takes no actor; `newerVersionNumber` only words the reason.
 */
export function supersede(state: ProposalState, at: string, newerVersionNumber?: number): ProposalState {
  assertStageAllows(state.stage, "supersede");
  assertTimestamp(at, "/at", "time");
  const closedReason =
    newerVersionNumber === undefined
      ? "A newer proposal superseded this one."
      : `The proposal of version ${newerVersionNumber} superseded this one.`;
  return { ...state, stage: "superseded", closedReason, closedAt: at };
}
