import { AccordError } from "@accord/domain";
import { assertOneOf, assertSectionNumber, optionalText, requireReason } from "./input-checks.js";
import { assertStageAllows } from "./stage-rules.js";
import type {
  Objection,
  ObjectEvent,
  OverruleObjectionEvent,
  ProposalState,
  SectionPositionValue,
  SetSectionPositionEvent,
  SignOffEvent,
  WithdrawObjectionEvent,
  WithdrawSignOffEvent,
  WorkflowActor,
} from "./types.js";
import { assertMayOverrule, assertMayReview } from "./who-may-act.js";

// The working group's review. Each handler checks, in this order: who (forbidden), the stage
// (wrong_stage), the input (reason_required, validation_failed), then the conflict with what is recorded
// (objection_not_found, objection_not_open). A handler that has nothing to change returns the very same
// object, so a double click does no harm and the caller can tell that nothing needs storing or auditing.

const sectionPositionValues: readonly SectionPositionValue[] = ["approve", "object", "reserve"];

/** Records the actor's sign-off; a second one changes nothing. */
export function signOff(state: ProposalState, event: SignOffEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "sign off");
  assertStageAllows(state.stage, "sign_off");
  if (state.signOffs.some((given) => given.userId === actor.userId)) return state;
  // The affiliation is the snapshot's, not the actor's today, so a later change cannot recount the rule.
  const member = state.electorate.find((candidate) => candidate.userId === actor.userId);
  if (!member) throw new AccordError("forbidden");
  return { ...state, signOffs: [...state.signOffs, { userId: actor.userId, affiliation: member.affiliation, at: event.at }] };
}

/** Takes back the actor's sign-off; without one, nothing changes. */
export function withdrawSignOff(state: ProposalState, _event: WithdrawSignOffEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "withdraw a sign-off");
  assertStageAllows(state.stage, "withdraw_sign_off");
  if (!state.signOffs.some((given) => given.userId === actor.userId)) return state;
  return { ...state, signOffs: state.signOffs.filter((given) => given.userId !== actor.userId) };
}

/**
 * Raises an objection. The same author raising the same reason again while it is open changes nothing:
 * a resubmitted form should not make the facilitator overrule the same objection twice.
 */
export function object(state: ProposalState, event: ObjectEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "object");
  assertStageAllows(state.stage, "object");
  const reason = requireReason(event.reason, "for the objection");
  const repeated = state.objections.some(
    (existing) => existing.status === "open" && existing.authorId === actor.userId && existing.reason === reason,
  );
  if (repeated) return state;
  const objection: Objection = {
    id: `objection-${state.objections.length + 1}`,
    authorId: actor.userId,
    reason,
    raisedAt: event.at,
    status: "open",
  };
  return { ...state, objections: [...state.objections, objection] };
}

function findObjection(state: ProposalState, objectionId: string): Objection {
  const objection = state.objections.find((candidate) => candidate.id === objectionId);
  if (!objection) throw new AccordError("objection_not_found", `No objection "${objectionId}" was found on this proposal.`);
  return objection;
}

function assertOpen(objection: Objection): void {
  if (objection.status === "open") return;
  const how = objection.status === "withdrawn" ? "withdrawn by its author" : "overruled by the facilitator";
  throw new AccordError("objection_not_open", `This objection was already ${how}${objection.closedAt ? ` on ${objection.closedAt}` : ""}.`);
}

function closeObjection(state: ProposalState, closed: Objection): ProposalState {
  return { ...state, objections: state.objections.map((objection) => (objection.id === closed.id ? closed : objection)) };
}

/** The author takes back their own open objection; who and when are recorded. */
export function withdrawObjection(state: ProposalState, event: WithdrawObjectionEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "withdraw an objection");
  assertStageAllows(state.stage, "withdraw_objection");
  const objection = findObjection(state, event.objectionId);
  if (objection.authorId !== actor.userId) {
    throw new AccordError("forbidden", "Only the author of an objection can withdraw it.");
  }
  assertOpen(objection);
  return closeObjection(state, { ...objection, status: "withdrawn", closedBy: actor.userId, closedAt: event.at });
}

/** The facilitator overrules an open objection; who, when and why are recorded. */
export function overruleObjection(state: ProposalState, event: OverruleObjectionEvent, actor: WorkflowActor): ProposalState {
  assertMayOverrule(actor);
  assertStageAllows(state.stage, "overrule_objection");
  const closingReason = requireReason(event.reason, "for overruling the objection");
  const objection = findObjection(state, event.objectionId);
  assertOpen(objection);
  return closeObjection(state, {
    ...objection,
    status: "overruled",
    closedBy: actor.userId,
    closedAt: event.at,
    closingReason,
  });
}

/**
 * Records the actor's stance on one section, replacing their earlier stance on it (the latest wins).
 * Object and reserve need a reason, so that the drafters know what to change. Stating exactly the same
 * stance again changes nothing.
 */
export function setSectionPosition(state: ProposalState, event: SetSectionPositionEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "state a position on a section");
  assertStageAllows(state.stage, "set_section_position");
  assertSectionNumber(event.section);
  assertOneOf(event.position, sectionPositionValues, "/position", "position");
  const reason =
    event.position === "approve"
      ? optionalText(event.reason)
      : requireReason(event.reason, `for ${event.position === "object" ? "objecting to" : "reserving your position on"} section ${event.section}`);
  const mine = (position: { userId: string; section: string }) => position.userId === actor.userId && position.section === event.section;
  const current = state.sectionPositions.find(mine);
  if (current && current.position === event.position && current.reason === reason) return state;
  return {
    ...state,
    sectionPositions: [
      ...state.sectionPositions.filter((position) => !mine(position)),
      { userId: actor.userId, section: event.section, position: event.position, reason, at: event.at },
    ],
  };
}
