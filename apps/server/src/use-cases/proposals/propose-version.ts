import { AccordError } from "@accord/domain";
import { createProposal, supersede } from "@accord/workflow";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { listBodyViews } from "../../storage/bodies.js";
import { listMembers, listRequiredBodyIds, updatePolicy } from "../../storage/policies.js";
import { insertProposal, lockOpenProposals, saveProposalState } from "../../storage/proposals.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { assertNoPendingSuggestions } from "../suggestions/pending-suggestions.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { proposalView, workflowActorFor, type ProposalView } from "./workflow-access.js";
import { notifyProposalToOthers, retireRequestsOf } from "./workflow-notices.js";
import { tellDraftEditors } from "../draft-notices.js";
import { assertCommentsAnswered } from "../comment-periods/comments-answered.js";
import { linkProposalToPeriod } from "../../storage/comment-periods.js";

export interface ProposeVersionInput {
  versionNumber: number;
  /** The hash the facilitator saw: a mismatch means they are looking at another text, and is refused. */
  contentHash: string;
  note?: string;
  /** YYYY-MM-DD, or null. */
  deadline?: string | null;
}

/**
 * The facilitator puts a version forward for sign-off. Any open proposal of the policy is superseded and
 * closed with its record kept; the working group's editors are asked to sign off.
 */
export async function proposeVersion(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  input: ProposeVersionInput,
): Promise<ProposalView> {
  const access = await loadPolicyFor(ctx.db, actor, policyId, "proposal.create");
  const { policy } = access;
  const version = await findVersion(ctx.db, policy.id, input.versionNumber);
  if (!version) throw new AccordError("not_found", `This policy has no version ${input.versionNumber}.`);
  if (version.content_hash !== input.contentHash) {
    throw new AccordError("validation_failed", `Version ${version.number} has another content hash than the one given.`, {
      fields: [{ path: "/body/contentHash", message: "does not match the version" }],
    });
  }
  assertNoPendingSuggestions(version);
  // The public's comments come first: proposing waits until the period has closed and each is answered.
  const answeredPeriod = await assertCommentsAnswered(ctx.db, policy.id, ctx.now());
  const workflowActor = await workflowActorFor(ctx.db, actor, access);
  const members = await listMembers(ctx.db, policy.id);
  const requiredBodies = await listBodyViews(ctx.db, await listRequiredBodyIds(ctx.db, policy.id));
  const now = ctx.now();
  const state = createProposal(
    {
      id: crypto.randomUUID(),
      policyId: policy.id,
      versionNumber: version.number,
      contentHash: version.content_hash,
      note: input.note?.trim() ?? "",
      deadline: input.deadline ?? null,
      proposedAt: now.toISOString(),
      signOffRule: policy.sign_off_rule,
      workingGroup: members.map((member) => ({ userId: member.userId, role: member.role, affiliation: member.affiliation })),
      requiredBodies: requiredBodies.map((body) => ({ bodyId: body.id, name: body.name })),
    },
    workflowActor,
  );

  await ctx.db.transaction().execute(async (trx) => {
    const superseded = await lockOpenProposals(trx, policy.id);
    for (const open of superseded) {
      await saveProposalState(trx, supersede(open.state, now.toISOString(), version.number), now);
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "proposal.superseded",
        subjectType: "proposal",
        subjectId: open.id,
        payload: { policyId: policy.id, versionNumber: open.version_number, supersededBy: state.id },
      });
    }
    await retireRequestsOf(
      trx,
      superseded.map((open) => open.id),
      now,
    );
    await insertProposal(trx, state, now);
    if (answeredPeriod) await linkProposalToPeriod(trx, state.id, answeredPeriod.id);
    await updatePolicy(trx, policy.id, { status: "in_review", updated_at: now });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "proposal.created",
      subjectType: "proposal",
      subjectId: state.id,
      payload: { policyId: policy.id, versionNumber: version.number, contentHash: version.content_hash, note: state.note },
    });
    await ctx.notifier.notify(
      trx,
      {
        recipientIds: state.electorate.map((member) => member.userId),
        actorId: actor.id,
        kind: "signoff_requested",
        policyId: policy.id,
        proposalId: state.id,
        title: `Your sign-off is requested on version ${version.number} of ${policy.title}`,
        body: `${actor.displayName} proposed version ${version.number} ("${version.label}") for sign-off.${state.note ? ` Note: ${state.note}` : ""}`,
        link: `/app/policies/${policy.id}`,
      },
      now,
    );
    await notifyProposalToOthers(ctx, trx, { policy, proposal: state, versionLabel: version.label, proposer: actor, now });
  });
  tellDraftEditors(ctx, policy.id, { kind: "workflow-step", step: "proposed", versionNumber: version.number, by: actor.displayName });
  return proposalView(ctx.db, state, workflowActor);
}
