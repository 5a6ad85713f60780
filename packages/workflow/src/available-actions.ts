import { isAccordError } from "@accord/domain";
import { stageChangeWarning } from "./stage-consequences.js";
import { transition } from "./transition.js";
import type { ProposalStage, ProposalState, WorkflowActor, WorkflowEvent, WorkflowEventKind } from "./types.js";

/** One thing the actor may do, with the target it applies to (an objection, a body, a section) where there is one. */
export type ActionTarget =
  | { readonly kind: "sign_off" }
  | { readonly kind: "withdraw_sign_off" }
  | { readonly kind: "object" }
  | { readonly kind: "withdraw_objection"; readonly objectionId: string }
  | { readonly kind: "overrule_objection"; readonly objectionId: string }
  | { readonly kind: "set_section_position" }
  | { readonly kind: "withdraw_section_position"; readonly section: string }
  | { readonly kind: "record_decision"; readonly bodyId: string }
  | { readonly kind: "publish" };

/**
 * One thing the actor may do now. When doing it would move the proposal to another stage (the last
 * sign-off, withdrawing or overruling the last open objection, the last approval), `advancesTo` names
 * that stage and `consequence` says in words what will happen, so a client asks for confirmation first.
 */
export type AvailableAction = ActionTarget & { readonly advancesTo?: ProposalStage; readonly consequence?: string };

// Placeholder inputs for trying an action: valid in form, so that only the rules about who, when and
// what is recorded decide. The time is far in the future so it never looks earlier than the record.
const probeAt = "9999-12-31T23:59:59.999Z";
const probeReason = "(trying whether this action is open)";

function candidates(state: ProposalState, actor: WorkflowActor): { action: ActionTarget; event: WorkflowEvent }[] {
  const openObjections = state.objections.filter((objection) => objection.status === "open");
  const bodyIds = [...new Set([...state.requiredBodies.map((body) => body.bodyId), ...actor.representedBodyIds])];
  return [
    { action: { kind: "sign_off" }, event: { kind: "sign_off", at: probeAt } },
    { action: { kind: "withdraw_sign_off" }, event: { kind: "withdraw_sign_off", at: probeAt } },
    { action: { kind: "object" }, event: { kind: "object", at: probeAt, reason: probeReason } },
    ...openObjections.flatMap((objection) => [
      {
        action: { kind: "withdraw_objection", objectionId: objection.id } as const,
        event: { kind: "withdraw_objection", at: probeAt, objectionId: objection.id } as const,
      },
      {
        action: { kind: "overrule_objection", objectionId: objection.id } as const,
        event: { kind: "overrule_objection", at: probeAt, objectionId: objection.id, reason: probeReason } as const,
      },
    ]),
    {
      action: { kind: "set_section_position" },
      event: { kind: "set_section_position", at: probeAt, section: "1", position: "reserve", reason: probeReason },
    },
    ...state.sectionPositions
      .filter((position) => position.userId === actor.userId)
      .map((position) => ({
        action: { kind: "withdraw_section_position", section: position.section } as const,
        event: { kind: "withdraw_section_position", at: probeAt, section: position.section } as const,
      })),
    ...bodyIds.map((bodyId) => ({
      action: { kind: "record_decision", bodyId } as const,
      event: {
        kind: "record_decision",
        at: probeAt,
        bodyId,
        decision: "approve",
        reason: probeReason,
        meetingDate: "9999-12-31",
        meetingReference: probeReason,
      } as const,
    })),
    { action: { kind: "publish" }, event: { kind: "publish", at: probeAt, effectiveDate: "9999-12-31" } },
  ];
}

/**
 * What this actor may do to the proposal now, for buttons and "waiting for me" lists. Each candidate is
 * tried through `transition` itself, so this list can never disagree with what would be accepted; an
 * action that would change nothing (signing off a second time) is left out. The same trial tells which
 * actions would move the proposal on (a decision is tried as an approval).
 */
export function availableActions(state: ProposalState, actor: WorkflowActor): AvailableAction[] {
  const open: AvailableAction[] = [];
  for (const { action, event } of candidates(state, actor)) {
    try {
      const next = transition(state, event, actor);
      if (next === state) continue;
      const consequence = stageChangeWarning(state, next);
      open.push(consequence ? { ...action, advancesTo: next.stage, consequence } : action);
    } catch (error) {
      // A refusal is the answer "not now"; anything else is a bug and must not be hidden.
      if (!isAccordError(error)) throw error;
    }
  }
  return open;
}

const waitingKinds: readonly WorkflowEventKind[] = ["sign_off", "record_decision", "publish"];

/**
 * True when the proposal is waiting for this actor: a sign-off they have not given, their body's
 * decision, or (for the facilitator) the publication of an approved proposal.
 */
export function isWaitingFor(state: ProposalState, actor: WorkflowActor): boolean {
  return availableActions(state, actor).some((action) => waitingKinds.includes(action.kind));
}
