import type { ActionEffect, ProposalView, PublicationSummary, WaitingItem } from "@accord/api-contract";
import type { ActionEffect as WorkflowEffect } from "@accord/workflow";
import type { PublicationWithStanding, WaitingItem as WaitingProposal } from "../use-cases/proposals/get-proposals.js";
import type { ProposalView as ProposalForActor } from "../use-cases/proposals/workflow-access.js";
import { asContract } from "./readonly-values.js";

/**
 * One proposal as the signed-in person sees it: the workflow's record (stored whole), who is who, where
 * the sign-off rule stands, and what they may do. Named field by field, so that whatever else a stored
 * record may hold stays on the server.
 */
export function presentProposal(view: ProposalForActor): ProposalView {
  return {
    id: view.id,
    policyId: view.policyId,
    versionNumber: view.versionNumber,
    contentHash: view.contentHash,
    note: view.note,
    deadline: view.deadline,
    proposedBy: view.proposedBy,
    proposedAt: view.proposedAt,
    stage: view.stage,
    signOffRule: view.signOffRule,
    electorate: asContract<ProposalView["electorate"]>(view.electorate),
    requiredBodies: asContract<ProposalView["requiredBodies"]>(view.requiredBodies),
    signOffs: asContract<ProposalView["signOffs"]>(view.signOffs),
    objections: asContract<ProposalView["objections"]>(view.objections),
    sectionPositions: asContract<ProposalView["sectionPositions"]>(view.sectionPositions),
    sectionPositionHistory: asContract<ProposalView["sectionPositionHistory"]>(view.sectionPositionHistory),
    decisions: asContract<ProposalView["decisions"]>(view.decisions),
    ...(view.publication ? { publication: asContract<NonNullable<ProposalView["publication"]>>(view.publication) } : {}),
    ...(view.closedReason === undefined ? {} : { closedReason: view.closedReason }),
    ...(view.closedAt === undefined ? {} : { closedAt: view.closedAt }),
    names: view.names,
    evaluation: asContract<ProposalView["evaluation"]>(view.evaluation),
    myActions: asContract<ProposalView["myActions"]>(view.myActions),
  };
}

/** A published version of the policy and where it stands today. */
export function presentPublication(publication: PublicationWithStanding): PublicationSummary {
  return {
    versionNumber: publication.version_number,
    contentHash: publication.content_hash,
    proposalId: publication.proposal_id,
    effectiveDate: publication.effective_date,
    publishedAt: new Date(publication.published_at).toISOString(),
    standing: publication.standing,
  };
}

/** A proposal on which the signed-in person has something to do. */
export function presentWaitingItem(item: WaitingProposal): WaitingItem {
  return { policyId: item.policyId, policyTitle: item.policyTitle, proposal: presentProposal(item.proposal) };
}

/** What an accepted action did besides itself. */
export function presentActionEffect(effect: WorkflowEffect): ActionEffect {
  return asContract<ActionEffect>(effect);
}
