import { AccordError } from "@accord/domain";
import { requireReason } from "./input-checks.js";
import { assertStageAllows } from "./stage-rules.js";
import type {
  Objection,
  ObjectEvent,
  OverruleObjectionEvent,
  ProposalState,
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

/**
 * Records the actor's sign-off; a second one changes nothing. A person's latest stance replaces the
 * earlier one, but a sign-off never silently withdraws an objection: that would close an objection the
 * rest of the group is waiting on without the author saying so. So signing off with an open objection of
 * one's own is refused (own_objection_open) until the author withdraws it.
 */
export function signOff(state: ProposalState, event: SignOffEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "sign off");
  assertStageAllows(state.stage, "sign_off");
  if (state.signOffs.some((given) => given.userId === actor.userId)) return state;
  const ownOpen = state.objections.filter((objection) => objection.status === "open" && objection.authorId === actor.userId);
  if (ownOpen.length > 0) {
    const which = ownOpen.length === 1 ? "an open objection" : `${ownOpen.length} open objections`;
    const them = ownOpen.length === 1 ? "it" : "them";
    throw new AccordError(
      "own_objection_open",
      `You have ${which} to this version. Withdraw ${them} first, then sign off: one person cannot both object and sign off.`,
    );
  }
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
 * a resubmitted form should not make the facilitator overrule the same objection twice. Objecting
 * replaces the author's own sign-off, if they had given one (their latest stance wins); the objection
 * records when that sign-off was given, so the record says it was withdrawn by this objection.
 */
export function object(state: ProposalState, event: ObjectEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "object");
  assertStageAllows(state.stage, "object");
  const reason = requireReason(event.reason, "for the objection");
  const repeated = state.objections.some(
    (existing) => existing.status === "open" && existing.authorId === actor.userId && existing.reason === reason,
  );
  if (repeated) return state;
  const ownSignOff = state.signOffs.find((given) => given.userId === actor.userId);
  const objection: Objection = {
    id: `objection-${state.objections.length + 1}`,
    authorId: actor.userId,
    reason,
    raisedAt: event.at,
    status: "open",
    ...(ownSignOff ? { withdrewSignOffGivenAt: ownSignOff.at } : {}),
  };
  return {
    ...state,
    signOffs: ownSignOff ? state.signOffs.filter((given) => given !== ownSignOff) : state.signOffs,
    objections: [...state.objections, objection],
  };
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
