// Small factories for this package's tests: a demo-like working group, the eight kinds of actor the
// rules tell apart, and proposals at every stage reached through the rules themselves (never by hand),
// so a fixture can only be a state the workflow can really produce. Not exported from the package.
import { isAccordError, type SignOffRule } from "@accord/domain";
import { createProposal, supersede, type ProposalInput, type WorkingGroupMember } from "./proposal.js";
import { transition } from "./transition.js";
import type { ProposalStage, ProposalState, RequiredBody, WorkflowActor, WorkflowEvent } from "./types.js";

/** Freezes a value and everything inside it, so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Builds an actor; by default a signed-in person with no role anywhere. */
export function buildActor(overrides: Partial<WorkflowActor> & { userId: string }): WorkflowActor {
  return { isFacilitator: false, role: null, affiliation: null, representedBodyIds: [], ...overrides };
}

/** The working group of the demo: three editors of three affiliations, a commenter and a viewer. */
export const demoWorkingGroup: readonly WorkingGroupMember[] = [
  { userId: "officer", role: "editor", affiliation: "police" },
  { userId: "citizen", role: "editor", affiliation: "citizen" },
  { userId: "prosecutor", role: "editor", affiliation: "prosecutor" },
  { userId: "advocate", role: "commenter", affiliation: "community" },
  { userId: "observer", role: "viewer", affiliation: "citizen" },
];

/** The bodies the demo policy requires. */
export const demoBodies: readonly RequiredBody[] = [
  { bodyId: "board", name: "Board of Police Commissioners" },
  { bodyId: "union", name: "Police Union" },
];

/** The eight kinds of actor the exhaustive tests try every event with. */
export const actors = {
  facilitator: buildActor({ userId: "facilitator", isFacilitator: true }),
  electorEditor: buildActor({ userId: "citizen", role: "editor", affiliation: "citizen" }),
  lateEditor: buildActor({ userId: "late-editor", role: "editor", affiliation: "defense" }),
  commenter: buildActor({ userId: "advocate", role: "commenter", affiliation: "community" }),
  viewer: buildActor({ userId: "observer", role: "viewer", affiliation: "citizen" }),
  outsider: buildActor({ userId: "outsider" }),
  requiredBodyRep: buildActor({ userId: "board-rep", representedBodyIds: ["board"] }),
  unrequiredBodyRep: buildActor({ userId: "ethics-rep", representedBodyIds: ["ethics"] }),
} as const satisfies Record<string, WorkflowActor>;
export type ActorKind = keyof typeof actors;

/** The other editors and the union's representative, for driving proposals along. */
export const helpers = {
  officer: buildActor({ userId: "officer", role: "editor", affiliation: "police" }),
  prosecutor: buildActor({ userId: "prosecutor", role: "editor", affiliation: "prosecutor" }),
  unionRep: buildActor({ userId: "union-rep", representedBodyIds: ["union"] }),
} as const;

/** A SHA-256 in lowercase hex (of nothing in particular). */
export const sampleHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** Builds a proposal input for the demo policy. */
export function buildProposalInput(overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    id: "proposal-1",
    policyId: "policy-bwc",
    versionNumber: 3,
    contentHash: sampleHash,
    note: "Ready for sign-off.",
    deadline: "2025-04-01",
    proposedAt: "2025-03-01T09:00:00.000Z",
    workingGroup: demoWorkingGroup,
    requiredBodies: demoBodies,
    ...overrides,
  };
}

/** Creates a proposal in review, as the facilitator would. */
export function buildProposal(overrides: Partial<ProposalInput> & { signOffRule?: SignOffRule } = {}): ProposalState {
  return createProposal(buildProposalInput(overrides), actors.facilitator);
}

let clock = Date.parse("2025-03-02T09:00:00.000Z");
/** A fresh, later time for each event, so that records show their order. */
export function nextTime(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

/** Applies events in order, each by its actor. */
export function applyAll(state: ProposalState, steps: readonly [WorkflowEvent, WorkflowActor][]): ProposalState {
  return steps.reduce((current, [event, actor]) => transition(current, event, actor), state);
}

/** A decision event with every required field filled in. */
export function decisionEvent(bodyId: string, decision: "approve" | "reject", reason = "Adopted at the regular meeting."): WorkflowEvent {
  return {
    kind: "record_decision",
    at: nextTime(),
    bodyId,
    decision,
    reason,
    meetingDate: "2025-03-20",
    meetingReference: "Minutes 2025-07, item 4",
  };
}

/**
 * A proposal at each stage, reached through the rules:
 * - review: the officer and the citizen signed off, the citizen objected to section 4.2, then the citizen
 *   objected to the version (objection-1 open), which withdrew the citizen's sign-off;
 * - awaiting_approval: then the prosecutor signed off, the citizen withdrew objection-1 and signed off again;
 * - approved: then the board and the union approved; published: then the facilitator published;
 * - changes_requested: from awaiting approval, the union rejected;
 * - superseded: the review proposal, superseded.
 */
export function proposalAt(stage: ProposalStage): ProposalState {
  const review = applyAll(buildProposal(), [
    [{ kind: "sign_off", at: nextTime() }, helpers.officer],
    [{ kind: "sign_off", at: nextTime() }, actors.electorEditor],
    [
      { kind: "set_section_position", at: nextTime(), section: "4.2", position: "object", reason: "Consent must be asked for." },
      actors.electorEditor,
    ],
    [{ kind: "object", at: nextTime(), reason: "Section 4.2 lets officers record inside homes without consent." }, actors.electorEditor],
  ]);
  if (stage === "review") return review;
  if (stage === "superseded") return supersede(review, nextTime(), 4);
  const awaiting = applyAll(review, [
    [{ kind: "sign_off", at: nextTime() }, helpers.prosecutor],
    [{ kind: "withdraw_objection", at: nextTime(), objectionId: "objection-1" }, actors.electorEditor],
    [{ kind: "sign_off", at: nextTime() }, actors.electorEditor],
  ]);
  if (stage === "awaiting_approval") return awaiting;
  if (stage === "changes_requested") {
    return transition(awaiting, decisionEvent("union", "reject", "Retention periods are too long."), helpers.unionRep);
  }
  const approved = applyAll(awaiting, [
    [decisionEvent("board", "approve"), actors.requiredBodyRep],
    [decisionEvent("union", "approve"), helpers.unionRep],
  ]);
  if (stage === "approved") return approved;
  return transition(approved, { kind: "publish", at: nextTime(), effectiveDate: "2025-05-01" }, actors.facilitator);
}

/**
 * Applies an event that must be refused and returns the refusal. Fails (throws a plain Error) when the
 * event is accepted, when anything but an AccordError is thrown, or when the input changed.
 */
export function refusalOf(state: ProposalState, event: WorkflowEvent, actor: WorkflowActor): unknown {
  const before = JSON.stringify(state);
  try {
    transition(deepFreeze(state), event, actor);
  } catch (error) {
    if (!isAccordError(error)) throw error;
    if (JSON.stringify(state) !== before) throw new Error(`A refused ${event.kind} changed its input.`, { cause: error });
    return error;
  }
  throw new Error(`Expected ${event.kind} by ${actor.userId} to be refused.`);
}
