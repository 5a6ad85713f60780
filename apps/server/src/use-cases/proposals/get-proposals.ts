import { calendarDay, canOnSite, publicationStandings, type PublicationStanding } from "@accord/domain";
import { isWaitingFor } from "@accord/workflow";
import type { CurrentUser } from "../../auth/sessions.js";
import { listProposals, listPublications, listOpenProposals, type PublicationRow } from "../../storage/proposals.js";
import { listAllPolicies, listPoliciesVisibleTo } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { loadProposalFor, proposalView, workflowActorFor, type ProposalView } from "./workflow-access.js";

/** A publication of a policy and where it stands today (in force, adopted and yet to take effect, superseded). */
export type PublicationWithStanding = PublicationRow & { standing: PublicationStanding };

/**
 * Every proposal of a policy, newest first (superseded and rejected ones keep their record), and its
 * publications, newest first, each with its standing on the app's clock's day (the same rule as the public site).
 */
export async function listPolicyProposals(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
): Promise<{ proposals: ProposalView[]; publications: PublicationWithStanding[] }> {
  const access = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  const actor = await workflowActorFor(ctx.db, user, access);
  const rows = await listProposals(ctx.db, access.policy.id);
  const publications = await listPublications(ctx.db, access.policy.id);
  const dated = publications.map((publication) => ({
    effectiveDate: publication.effective_date,
    publishedAt: new Date(publication.published_at),
  }));
  const standings = publicationStandings(dated, calendarDay(ctx.now()));
  return {
    proposals: await Promise.all(rows.map((row) => proposalView(ctx.db, row.state, actor))),
    publications: publications.map((publication, index) => ({ ...publication, standing: standings[index]! })),
  };
}

/** One proposal. */
export async function getProposal(ctx: UseCaseContext, user: CurrentUser, proposalId: string): Promise<ProposalView> {
  const { row, access } = await loadProposalFor(ctx.db, user, proposalId);
  return proposalView(ctx.db, row.state, await workflowActorFor(ctx.db, user, access));
}

/** One item of "waiting for me": a proposal on which I have something to do. */
export interface WaitingItem {
  policyId: string;
  policyTitle: string;
  proposal: ProposalView;
}

/** The open proposals on which the signed-in person has a sign-off to give, a decision to record, or a publication to do. */
export async function listWaitingForMe(ctx: UseCaseContext, user: CurrentUser): Promise<WaitingItem[]> {
  const policies = canOnSite(user, "policy.list_all") ? await listAllPolicies(ctx.db) : await listPoliciesVisibleTo(ctx.db, user.id);
  const open = await listOpenProposals(
    ctx.db,
    policies.map((policy) => policy.id),
  );
  const items: WaitingItem[] = [];
  for (const row of open) {
    const access = await loadPolicyFor(ctx.db, user, row.policy_id, "policy.read");
    const actor = await workflowActorFor(ctx.db, user, access);
    if (!isWaitingFor(row.state, actor)) continue;
    items.push({ policyId: access.policy.id, policyTitle: access.policy.title, proposal: await proposalView(ctx.db, row.state, actor) });
  }
  return items;
}
