import type { Kysely } from "kysely";
import type { ProposalState, WorkflowEvent } from "@accord/workflow";
import type { CurrentUser } from "../../auth/sessions.js";
import type { NotificationInput } from "../../notifications/notifier.js";
import type { Database } from "../../storage/database.js";
import { markProposalNotificationsObsolete } from "../../storage/notifications.js";
import { listMembers, type PolicyRow } from "../../storage/policies.js";
import { findDisplayNames, findFacilitatorIds } from "../../storage/proposals.js";
import type { UseCaseContext } from "../context.js";

/** The notifications that ask someone to act on a proposal: they lapse when the proposal is superseded. */
const requestKinds = ["signoff_requested", "decision_requested"] as const;

/**
 * Marks the requests of superseded proposals obsolete, in the transaction that supersedes them: a
 * sign-off requested on a text no one is asked to approve any more is not news.
 */
export async function retireRequestsOf(trx: Kysely<Database>, supersededProposalIds: readonly string[], now: Date): Promise<void> {
  await markProposalNotificationsObsolete(trx, supersededProposalIds, requestKinds, now);
}

/**
 * Tells the members of the working group who are not asked to sign off (commenters and viewers) that a
 * version was proposed, in the proposal's transaction. The editors get their sign-off request instead.
 */
export async function notifyProposalToOthers(
  ctx: Pick<UseCaseContext, "notifier">,
  trx: Kysely<Database>,
  input: { policy: PolicyRow; proposal: ProposalState; versionLabel: string; proposer: CurrentUser; now: Date },
): Promise<void> {
  const electorate = new Set(input.proposal.electorate.map((member) => member.userId));
  const others = (await listMembers(trx, input.policy.id)).map((member) => member.userId).filter((userId) => !electorate.has(userId));
  const version = `version ${input.proposal.versionNumber}`;
  await ctx.notifier.notify(
    trx,
    {
      recipientIds: others,
      actorId: input.proposer.id,
      kind: "proposal_made",
      policyId: input.policy.id,
      proposalId: input.proposal.id,
      title: `${version[0]!.toUpperCase()}${version.slice(1)} of ${input.policy.title} was proposed for sign-off`,
      body: `${input.proposer.displayName} proposed ${version} ("${input.versionLabel}"). The working group's editors now sign off or object.`,
      link: `/app/policies/${input.policy.id}`,
    },
    input.now,
  );
}

/**
 * The notification of an objection closed (withdrawn by its author, or overruled by the facilitator):
 * the working group's editors and the facilitators learn that it no longer blocks the sign-off rule.
 * Null for any other event.
 */
export async function objectionClosedNotification(
  db: Kysely<Database>,
  policy: PolicyRow,
  after: ProposalState,
  event: WorkflowEvent,
  user: CurrentUser,
): Promise<NotificationInput | null> {
  if (event.kind !== "withdraw_objection" && event.kind !== "overrule_objection") return null;
  const objection = after.objections.find((candidate) => candidate.id === event.objectionId);
  if (!objection) return null;
  const version = `version ${after.versionNumber} of ${policy.title}`;
  const base = {
    recipientIds: [...after.electorate.map((member) => member.userId), ...(await findFacilitatorIds(db))],
    actorId: user.id,
    policyId: policy.id,
    proposalId: after.id,
    link: `/app/policies/${policy.id}`,
  };
  if (event.kind === "withdraw_objection") {
    return {
      ...base,
      kind: "objection_withdrawn",
      title: `${user.displayName} withdrew their objection to ${version}`,
      body: `The objection no longer blocks sign-off. It said: ${objection.reason}`,
    };
  }
  const authorName = (await findDisplayNames(db, [objection.authorId])).get(objection.authorId) ?? "A member";
  return {
    ...base,
    kind: "objection_overruled",
    title: `${user.displayName} overruled ${authorName}'s objection to ${version}`,
    body: `Why: ${event.reason}`,
  };
}

/** Everyone a publication concerns: the whole working group, whatever their role, and the bodies' representatives. */
export async function publicationAudience(db: Kysely<Database>, policyId: string, representativeIds: readonly string[]): Promise<string[]> {
  return [...(await listMembers(db, policyId)).map((member) => member.userId), ...representativeIds];
}
