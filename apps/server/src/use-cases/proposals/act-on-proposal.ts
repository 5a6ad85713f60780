import type { WorkflowStep } from "@accord/collab";
import { AccordError, type PolicyStatus } from "@accord/domain";
import { effectsOf, transition, type ActionEffect, type ProposalStage, type ProposalState, type WorkflowEvent } from "@accord/workflow";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import type { NotificationInput } from "../../notifications/notifier.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import { findPolicyById, updatePolicy, type PolicyRow } from "../../storage/policies.js";
import {
  findFacilitatorIds,
  findRepresentativeIds,
  insertPublication,
  lockPolicyForWorkflow,
  lockProposal,
  saveProposalState,
} from "../../storage/proposals.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { replaceAssignmentsOnPublish } from "../acknowledgements/replace-on-publish.js";
import { tellDraftEditors } from "../draft-notices.js";
import { assertNoPendingSuggestions } from "../suggestions/pending-suggestions.js";
import { loadProposalFor, proposalView, workflowActorFor, type ProposalView } from "./workflow-access.js";
import { objectionClosedNotification, publicationAudience } from "./workflow-notices.js";

/** A workflow event as a client sends it: the time is the server's. */
export type ProposalAction = WorkflowEvent extends infer Event ? (Event extends WorkflowEvent ? Omit<Event, "at"> : never) : never;

const policyStatusOf: Partial<Record<ProposalStage, PolicyStatus>> = {
  review: "in_review",
  awaiting_approval: "awaiting_approval",
  approved: "approved",
  published: "published",
  changes_requested: "changes_requested",
};

/** The stages that everyone on the draft is told of when a proposal reaches them (`tellDraftEditors`). */
const workflowStepOf: Partial<Record<ProposalStage, WorkflowStep>> = {
  awaiting_approval: "sent-to-bodies",
  changes_requested: "changes-requested",
  approved: "approved",
  published: "published",
};

/**
 * Someone acts on a proposal: signs off, objects, withdraws or overrules an objection, takes a position
 * on a section, records a body's decision, or publishes. The proposal row is locked for the transaction,
 * so two representatives deciding at once, a double click, or a proposal superseded while a decision is
 * in flight always end consistent: each sees the other's result. A repeated action that changes nothing
 * records nothing and answers with the proposal as it is. The answer also says what the action did
 * besides itself (`effects`: an objection that withdrew the objector's sign-off, a step to the next
 * stage), and the audit event records the former.
 */
export async function actOnProposal(
  ctx: UseCaseContext,
  user: CurrentUser,
  proposalId: string,
  action: ProposalAction,
): Promise<{ proposal: ProposalView; effects: ActionEffect[] }> {
  const { access } = await loadProposalFor(ctx.db, user, proposalId);
  const actor = await workflowActorFor(ctx.db, user, access);
  const now = ctx.now();
  const event = { ...action, at: now.toISOString() } as WorkflowEvent;

  let effects: ActionEffect[] = [];
  let stageBefore: ProposalStage | null = null;
  const next = await ctx.db.transaction().execute(async (trx) => {
    // The policy first, then the proposal: the same order as a new proposal takes them (no deadlock).
    await lockPolicyForWorkflow(trx, access.policy.id);
    const row = await lockProposal(trx, proposalId);
    if (!row) throw new AccordError("not_found", "No proposal was found here.");
    const current = row.state;
    stageBefore = current.stage;
    if (isRepeatedDecision(current, event)) return current;
    const updated = transition(current, event, actor);
    if (updated === current) return current;
    effects = effectsOf(current, updated, user.id);

    await saveProposalState(trx, updated, now);
    if (updated.stage !== current.stage) {
      const status = policyStatusOf[updated.stage];
      if (status) await updatePolicy(trx, access.policy.id, { status, updated_at: now });
    }
    if (event.kind === "publish" && updated.publication) {
      // Checked again at publication: a proposal made before the rule, or a row written some other
      // way, must still never publish a pending suggestion (the database trigger is the last guard).
      const version = await findVersion(trx, access.policy.id, updated.versionNumber);
      if (!version) throw new AccordError("not_found", `This policy has no version ${updated.versionNumber}.`);
      assertNoPendingSuggestions(version);
      // The title and summary are published with the text, read under the policy's lock (taken above),
      // so an edit of either shows publicly only with the next publication.
      const policy = await findPolicyById(trx, access.policy.id);
      if (!policy) throw new AccordError("not_found", "No policy was found here.");
      await insertPublication(trx, {
        id: crypto.randomUUID(),
        policy_id: access.policy.id,
        version_number: updated.versionNumber,
        content_hash: updated.contentHash,
        proposal_id: updated.id,
        effective_date: updated.publication.effectiveDate,
        published_at: now,
        published_by: user.id,
        title: policy.title,
        summary: policy.summary,
      });
      // Officers' open acknowledgements of the earlier version are replaced by the new one (issue 18).
      await replaceAssignmentsOnPublish(
        trx,
        ctx,
        {
          policyId: policy.id,
          versionNumber: updated.versionNumber,
          contentHash: updated.contentHash,
          title: policy.title,
          actorId: user.id,
        },
        now,
      );
    }
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: user.id,
      action: `proposal.${event.kind}`,
      subjectType: "proposal",
      subjectId: updated.id,
      payload: {
        policyId: access.policy.id,
        versionNumber: updated.versionNumber,
        contentHash: updated.contentHash,
        stage: updated.stage,
        ...auditDetails(action),
        ...(effects.some((effect) => effect.kind === "sign_off_withdrawn") ? { signOffWithdrawn: true } : {}),
      },
    });
    for (const notification of await notificationsFor(trx, access.policy, current, updated, event, user)) {
      await ctx.notifier.notify(trx, notification, now);
    }
    return updated;
  });
  if (event.kind === "publish" && next.stage === "published") ctx.events.publish("publication", { policyId: access.policy.id });
  const step = next.stage !== stageBefore ? workflowStepOf[next.stage] : undefined;
  if (step)
    tellDraftEditors(ctx, access.policy.id, { kind: "workflow-step", step, versionNumber: next.versionNumber, by: user.displayName });
  return { proposal: await proposalView(ctx.db, next, actor), effects };
}

/** A retried decision identical to the one recorded changes nothing and is not an error. */
function isRepeatedDecision(state: ProposalState, event: WorkflowEvent): boolean {
  if (event.kind !== "record_decision") return false;
  const recorded = state.decisions.find((decision) => decision.bodyId === event.bodyId);
  return (
    recorded !== undefined &&
    recorded.decision === event.decision &&
    recorded.reason === event.reason.trim() &&
    recorded.meetingDate === event.meetingDate &&
    recorded.meetingReference === event.meetingReference.trim()
  );
}

/** What the audit record keeps of an action, beyond the proposal. */
function auditDetails(action: ProposalAction): Record<string, string | number | null> {
  const details: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(action)) {
    if (key === "kind") continue;
    if (typeof value === "string" || typeof value === "number" || value === null) details[key] = value;
    else if (value && typeof value === "object") details[key] = JSON.stringify(value);
  }
  return details;
}

async function notificationsFor(
  db: Kysely<Database>,
  policy: PolicyRow,
  before: ProposalState,
  after: ProposalState,
  event: WorkflowEvent,
  user: CurrentUser,
): Promise<NotificationInput[]> {
  // No one is told of their own action (the notifier leaves the actor out).
  const base = { policyId: policy.id, proposalId: after.id, link: `/app/policies/${policy.id}`, actorId: user.id };
  const version = `version ${after.versionNumber}`;
  const group = after.electorate.map((member) => member.userId);
  const bodies = after.requiredBodies.map((body) => body.bodyId);
  const notifications: NotificationInput[] = [];
  if (event.kind === "object") {
    notifications.push({
      ...base,
      kind: "objection_raised",
      recipientIds: [...group, ...(await findFacilitatorIds(db))].filter((id) => id !== user.id),
      title: `${user.displayName} objected to ${version} of ${policy.title}`,
      body: event.reason,
    });
  }
  const objectionClosed = await objectionClosedNotification(db, policy, after, event, user);
  if (objectionClosed) notifications.push(objectionClosed);
  if (event.kind === "record_decision") {
    const body = after.requiredBodies.find((candidate) => candidate.bodyId === event.bodyId)?.name ?? "A body";
    notifications.push({
      ...base,
      kind: "body_decided",
      recipientIds: [...group, ...(await findFacilitatorIds(db))],
      title: `The ${body} ${event.decision === "approve" ? "approved" : "rejected"} ${version} of ${policy.title}`,
      body: `${event.reason} (meeting of ${event.meetingDate}, ${event.meetingReference})`,
    });
  }
  if (before.stage === after.stage) return notifications;
  if (after.stage === "awaiting_approval") {
    notifications.push({
      ...base,
      kind: "decision_requested",
      recipientIds: await findRepresentativeIds(db, bodies),
      title: `Your body's decision is requested on ${version} of ${policy.title}`,
      body: `The working group signed off ${version}. Its SHA-256 content hash is ${after.contentHash}.`,
    });
  } else if (after.stage === "changes_requested") {
    notifications.push({
      ...base,
      kind: "changes_requested",
      recipientIds: [...group, ...(await findFacilitatorIds(db))],
      title: `Changes requested on ${policy.title}`,
      body: after.closedReason ?? `${version} was rejected.`,
    });
  } else if (after.stage === "approved") {
    notifications.push({
      ...base,
      kind: "approved",
      recipientIds: await findFacilitatorIds(db),
      title: `${version} of ${policy.title} is approved and can be published`,
      body: "Every required body approved the same text.",
    });
  } else if (after.stage === "published") {
    notifications.push({
      ...base,
      kind: "published",
      recipientIds: [...group, ...(await publicationAudience(db, policy.id, await findRepresentativeIds(db, bodies)))],
      title: `${policy.title} ${version} is published`,
      body: `It takes effect on ${after.publication?.effectiveDate ?? "its effective date"}.`,
    });
  }
  return notifications;
}
