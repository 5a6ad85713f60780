import { AccordError } from "@accord/domain";
import { availableActions, evaluateSignOffRule, type ProposalState, type WorkflowActor } from "@accord/workflow";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import type { Database } from "../../storage/database.js";
import { findDisplayNames, findProposal, findRepresentedBodyIds, type ProposalRow } from "../../storage/proposals.js";
import { loadPolicyFor, type PolicyAccess } from "../../access/policy-access.js";

/** The workflow's view of the signed-in person on one policy. */
export async function workflowActorFor(db: Kysely<Database>, user: CurrentUser, access: PolicyAccess): Promise<WorkflowActor> {
  return {
    userId: user.id,
    isFacilitator: user.isFacilitator,
    role: access.facts.role,
    affiliation: access.facts.affiliation,
    representedBodyIds: await findRepresentedBodyIds(db, user.id),
  };
}

/** A proposal and its policy, for someone who may read the policy; otherwise not_found. */
export async function loadProposalFor(
  db: Kysely<Database>,
  user: CurrentUser,
  proposalId: string,
): Promise<{ row: ProposalRow; access: PolicyAccess }> {
  const row = /^[0-9a-f-]{36}$/i.test(proposalId) ? await findProposal(db, proposalId) : undefined;
  if (!row) throw new AccordError("not_found", "No proposal was found here.");
  const access = await loadPolicyFor(db, user, row.policy_id, "policy.read");
  return { row, access };
}

/** A proposal as the API shows it: its record, who is who, where the sign-off rule stands, my actions. */
export interface ProposalView extends ProposalState {
  names: Record<string, string>;
  evaluation: ReturnType<typeof evaluateSignOffRule>;
  myActions: ReturnType<typeof availableActions>;
}

/** Builds the view of a proposal for an actor. */
export async function proposalView(db: Kysely<Database>, state: ProposalState, actor: WorkflowActor): Promise<ProposalView> {
  const userIds = [
    state.proposedBy,
    ...state.electorate.map((member) => member.userId),
    ...state.objections.flatMap((objection) => [objection.authorId, ...(objection.closedBy ? [objection.closedBy] : [])]),
    ...state.decisions.map((decision) => decision.recordedBy),
    ...(state.publication ? [state.publication.publishedBy] : []),
  ];
  const names = await findDisplayNames(db, userIds);
  return {
    ...state,
    names: Object.fromEntries(names),
    evaluation: evaluateSignOffRule(state),
    myActions: availableActions(state, actor),
  };
}
