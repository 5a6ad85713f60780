import { assertOneOf, assertSectionNumber, optionalText, requireReason } from "./input-checks.js";
import { assertStageAllows } from "./stage-rules.js";
import type { ProposalState, SectionPositionValue, SetSectionPositionEvent, WithdrawSectionPositionEvent, WorkflowActor } from "./types.js";
import { assertMayReview } from "./who-may-act.js";

// Section positions are informational (they do not block the sign-off rule), but they are the group's
// record of which clauses were contested, so every change is kept in `sectionPositionHistory` while
// `sectionPositions` holds each member's latest stance. Both close when the proposal leaves review.

const sectionPositionValues: readonly SectionPositionValue[] = ["approve", "object", "reserve"];

const isMine = (actor: WorkflowActor, section: string) => (position: { userId: string; section: string }) =>
  position.userId === actor.userId && position.section === section;

/**
 * Records the actor's stance on one section, replacing their earlier stance on it (the latest wins).
 * Object and reserve need a reason, so that the drafters know what to change; approving needs none.
 * Stating exactly the same stance again changes nothing.
 */
export function setSectionPosition(state: ProposalState, event: SetSectionPositionEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "state a position on a section");
  assertStageAllows(state.stage, "set_section_position");
  assertSectionNumber(event.section);
  assertOneOf(event.position, sectionPositionValues, "/position", "position");
  const reason =
    event.position === "approve"
      ? optionalText(event.reason)
      : requireReason(
          event.reason,
          `for ${event.position === "object" ? "objecting to" : "reserving your position on"} section ${event.section}`,
        );
  const mine = isMine(actor, event.section);
  const current = state.sectionPositions.find(mine);
  if (current && current.position === event.position && current.reason === reason) return state;
  const stance = { userId: actor.userId, section: event.section, position: event.position, reason, at: event.at };
  return {
    ...state,
    sectionPositions: [...state.sectionPositions.filter((position) => !mine(position)), stance],
    sectionPositionHistory: [...state.sectionPositionHistory, stance],
  };
}

/**
 * Takes back the actor's stance on one section: it leaves the current positions, and the history
 * records the withdrawal. Without a stance on that section, nothing changes.
 */
export function withdrawSectionPosition(state: ProposalState, event: WithdrawSectionPositionEvent, actor: WorkflowActor): ProposalState {
  assertMayReview(state, actor, "withdraw a position on a section");
  assertStageAllows(state.stage, "withdraw_section_position");
  assertSectionNumber(event.section);
  const mine = isMine(actor, event.section);
  if (!state.sectionPositions.some(mine)) return state;
  return {
    ...state,
    sectionPositions: state.sectionPositions.filter((position) => !mine(position)),
    sectionPositionHistory: [
      ...state.sectionPositionHistory,
      { userId: actor.userId, section: event.section, position: "withdrawn", reason: "", at: event.at },
    ],
  };
}
