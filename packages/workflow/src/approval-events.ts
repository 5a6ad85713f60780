import { AccordError } from "@accord/domain";
import { assertCalendarDate, assertNonEmpty, assertOneOf, assertVoteTally, requireReason } from "./input-checks.js";
import { assertStageAllows } from "./stage-rules.js";
import type { BodyDecision, ProposalState, PublishEvent, RecordDecisionEvent, WorkflowActor } from "./types.js";
import { assertMayDecideFor, assertMayPublish } from "./who-may-act.js";

// The bodies' approval and the publication, with the same order of checks as the review:
// who → stage → input → conflict with the record.

const decisionValues: readonly BodyDecision["decision"][] = ["approve", "reject"];

/**
 * Records one required body's decision on the proposed content hash. Each body decides once. A
 * rejection closes the proposal as changes_requested, keeping the reason visible; the last approval
 * makes it approved.
 */
export function recordDecision(state: ProposalState, event: RecordDecisionEvent, actor: WorkflowActor): ProposalState {
  const body = assertMayDecideFor(state, actor, event.bodyId);
  assertStageAllows(state.stage, "record_decision");
  assertOneOf(event.decision, decisionValues, "/decision", "decision");
  const reason = requireReason(event.reason, `for ${body.name}'s decision`);
  assertCalendarDate(event.meetingDate, "/meetingDate", "meeting date");
  assertNonEmpty(event.meetingReference, "/meetingReference", "meeting reference");
  if (event.voteTally !== undefined) assertVoteTally(event.voteTally);

  const earlier = state.decisions.find((decision) => decision.bodyId === body.bodyId);
  if (earlier) {
    const verb = earlier.decision === "approve" ? "approved" : "rejected";
    throw new AccordError(
      "already_decided",
      `${body.name} has already ${verb} this proposal (meeting of ${earlier.meetingDate}); a body decides once per proposal.`,
    );
  }

  const decision: BodyDecision = {
    bodyId: body.bodyId,
    decision: event.decision,
    reason,
    meetingDate: event.meetingDate,
    meetingReference: event.meetingReference.trim(),
    ...(event.voteTally ? { voteTally: { ...event.voteTally } } : {}),
    recordedBy: actor.userId,
    recordedAt: event.at,
  };
  const decisions = [...state.decisions, decision];

  if (decision.decision === "reject") {
    return {
      ...state,
      decisions,
      stage: "changes_requested",
      closedReason: `${body.name} rejected version ${state.versionNumber}: ${reason}`,
      closedAt: event.at,
    };
  }
  const approvedBy = new Set(decisions.filter((given) => given.decision === "approve").map((given) => given.bodyId));
  const everyBodyApproved = state.requiredBodies.every((required) => approvedBy.has(required.bodyId));
  return { ...state, decisions, stage: everyBodyApproved ? "approved" : state.stage };
}

/** Publishes an approved proposal from its effective date. */
export function publish(state: ProposalState, event: PublishEvent, actor: WorkflowActor): ProposalState {
  assertMayPublish(actor);
  assertStageAllows(state.stage, "publish");
  assertCalendarDate(event.effectiveDate, "/effectiveDate", "effective date");
  return {
    ...state,
    stage: "published",
    publication: { effectiveDate: event.effectiveDate, publishedBy: actor.userId, publishedAt: event.at },
  };
}
