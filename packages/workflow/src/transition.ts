import { AccordError } from "@accord/domain";
import { publish, recordDecision } from "./approval-events.js";
import { assertTimestamp } from "./input-checks.js";
import { object, overruleObjection, signOff, withdrawObjection, withdrawSignOff } from "./review-events.js";
import { setSectionPosition, withdrawSectionPosition } from "./section-position-events.js";
import { evaluateSignOffRule } from "./sign-off-rule.js";
import type { ProposalState, WorkflowActor, WorkflowEvent } from "./types.js";

/**
 * Moves a proposal from review to awaiting approval as soon as its sign-off rule is met, so the step
 * happens right after the sign-off, objection withdrawal or overrule that meets it, never later and
 * never by a separate action someone could forget.
 */
function advanceIfSignedOff(state: ProposalState): ProposalState {
  if (state.stage !== "review" || !evaluateSignOffRule(state).met) return state;
  return { ...state, stage: "awaiting_approval" };
}

function applyEvent(state: ProposalState, event: WorkflowEvent, actor: WorkflowActor): ProposalState {
  switch (event.kind) {
    case "sign_off":
      return signOff(state, event, actor);
    case "withdraw_sign_off":
      return withdrawSignOff(state, event, actor);
    case "object":
      return object(state, event, actor);
    case "withdraw_objection":
      return withdrawObjection(state, event, actor);
    case "overrule_objection":
      return overruleObjection(state, event, actor);
    case "set_section_position":
      return setSectionPosition(state, event, actor);
    case "withdraw_section_position":
      return withdrawSectionPosition(state, event, actor);
    case "record_decision":
      return recordDecision(state, event, actor);
    case "publish":
      return publish(state, event, actor);
    default: {
      // Events arrive from JSON; a kind the union does not know is refused, not ignored.
      const unknown: never = event;
      const kind = (unknown as { kind?: unknown }).kind;
      throw new AccordError("validation_failed", `There is no workflow event of kind ${JSON.stringify(kind)}.`, {
        fields: [{ path: "/kind", message: "unknown event kind" }],
      });
    }
  }
}

/**
 * Applies one event by one actor to a proposal and returns the next state; it never changes its input.
 * Refusals throw an AccordError whose catalogue code gives the HTTP status: forbidden or
 * not_required_body (who), wrong_stage (the stage does not allow it), reason_required or
 * validation_failed (the input), objection_not_found, objection_not_open, own_objection_open or
 * already_decided (the record). When the event changes nothing (a second sign-off, the same objection again) the very same
 * object is returned, so the caller can skip storing and auditing by comparing references.
 */
export function transition(state: ProposalState, event: WorkflowEvent, actor: WorkflowActor): ProposalState {
  // A malformed time is the caller's bug, not the person's choice, so it is checked before anything else.
  assertTimestamp(event.at, "/at", "time");
  const next = applyEvent(state, event, actor);
  return next === state ? state : advanceIfSignedOff(next);
}
