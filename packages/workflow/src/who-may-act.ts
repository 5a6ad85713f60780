import { AccordError, canOnPolicy, canOnProposal, type PolicyActor } from "@accord/domain";
import type { ProposalState, RequiredBody, WorkflowActor } from "./types.js";

// Two questions decide who may act on a proposal: the one permission table (what the person's site
// role, current working-group role and bodies allow on the policy and its proposals), and the
// proposal's own snapshots (who was an editor, which bodies were required, when it was proposed). Both
// must say yes: the table keeps HTTP, WebSocket and the workflow in agreement; the snapshots keep the
// goalposts still. No rule here asks for a role itself.

function policyActor(actor: WorkflowActor, representsRequiredBody: boolean): PolicyActor {
  return { isFacilitator: actor.isFacilitator, role: actor.role, representsRequiredBody };
}

/** True when the actor is in the proposal's electorate (an editor when it was proposed). */
export function isInElectorate(state: ProposalState, actor: WorkflowActor): boolean {
  return state.electorate.some((member) => member.userId === actor.userId);
}

/**
 * True when the actor may take part in the working group's review of this proposal (sign off, object,
 * state section positions): an editor now (`signoff.give`) who was an editor when it was proposed.
 * Someone demoted since then is refused too; the facilitator re-proposes if that leaves the rule unmeetable.
 */
export function mayReview(state: ProposalState, actor: WorkflowActor): boolean {
  return maySignOffNow(actor) && isInElectorate(state, actor);
}

/** True when the permission table lets the actor sign off on the policy now (`signoff.give`: its editors). */
function maySignOffNow(actor: WorkflowActor): boolean {
  return canOnPolicy(policyActor(actor, false), "signoff.give");
}

/** Throws forbidden unless the actor may take part in the working group's review; `doing` words it. */
export function assertMayReview(state: ProposalState, actor: WorkflowActor, doing: string): void {
  if (mayReview(state, actor)) return;
  const message = isInElectorate(state, actor)
    ? `Only the working group's editors can ${doing}, and you are no longer one.`
    : maySignOffNow(actor)
      ? `Only the editors of the working group at the time this version was proposed can ${doing} on it.`
      : `Only the working group's editors can ${doing}.`;
  throw new AccordError("forbidden", message);
}

/**
 * Throws unless the actor may record this body's decision: not_required_body when the body was not
 * required when the proposal was made (it has no say on this version), forbidden when the actor does
 * not represent it. Returns the body, for the wording of what follows.
 */
export function assertMayDecideFor(state: ProposalState, actor: WorkflowActor, bodyId: string): RequiredBody {
  const body = state.requiredBodies.find((required) => required.bodyId === bodyId);
  if (!body) {
    const names = state.requiredBodies.map((required) => required.name).join(", ");
    throw new AccordError(
      "not_required_body",
      `This body is not asked to approve this proposal; the bodies that decide on it are: ${names}.`,
    );
  }
  const represents = actor.representedBodyIds.includes(bodyId);
  if (!canOnPolicy(policyActor(actor, represents), "decision.record")) {
    throw new AccordError("forbidden", `Only a representative of this body (${body.name}) can record its decision.`);
  }
  return body;
}

/** Throws forbidden unless the actor may publish (the permission table's `policy.publish`). */
export function assertMayPublish(actor: WorkflowActor): void {
  if (!canOnPolicy(policyActor(actor, false), "policy.publish")) {
    throw new AccordError("forbidden", "Only the facilitator can publish a policy.");
  }
}

/** Throws forbidden unless the actor may overrule an objection (the permission table's `objection.overrule`). */
export function assertMayOverrule(actor: WorkflowActor): void {
  if (!canOnProposal(policyActor(actor, false), "objection.overrule")) {
    throw new AccordError("forbidden", "Only the facilitator can overrule an objection.");
  }
}
