import { planReplacement, resolveAudience } from "@accord/domain";
import type { Kysely } from "kysely";
import {
  closeAssignments,
  insertCampaign,
  lockAssignmentsOfPolicy,
  lockOpenCampaigns,
  markCampaignReplaced,
} from "../../storage/acknowledgements.js";
import { findEditorialVersion } from "../../storage/acknowledgement-settings.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import { listRoster } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";
import { assignPeople, recordCovered } from "./assign-people.js";

/**
 * Called in the publishing transaction: each open campaign of an earlier version of the policy is
 * replaced by one for the new version (same audience, quiz and due date). Open assignments of the old
 * version are closed as replaced and their people assigned the new one; people who acknowledged the
 * old one are assigned too, unless the new version was marked "editorial, no new acknowledgement".
 */
export async function replaceAssignmentsOnPublish(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  publication: { policyId: string; versionNumber: number; contentHash: string; title: string; actorId: string },
  now: Date,
): Promise<void> {
  const campaigns = (await lockOpenCampaigns(trx, publication.policyId)).filter(
    (campaign) => campaign.version_number < publication.versionNumber,
  );
  if (campaigns.length === 0) return;
  const editorial = (await findEditorialVersion(trx, publication.policyId, publication.versionNumber)) !== undefined;
  const roster = (await listRoster(trx)).filter((person) => !person.disabled);
  for (const campaign of campaigns) {
    const assignments = (await lockAssignmentsOfPolicy(trx, publication.policyId)).filter(
      (assignment) => assignment.campaign_id === campaign.id,
    );
    const audience = resolveAudience(campaign.audience, roster).map((person) => person.userId);
    const plan = planReplacement(
      assignments.map((assignment) => ({
        id: assignment.id,
        userId: assignment.user_id,
        versionNumber: assignment.version_number,
        status: assignment.status,
      })),
      publication.versionNumber,
      editorial,
      audience,
    );
    const successor = await insertCampaign(trx, {
      id: crypto.randomUUID(),
      policy_id: publication.policyId,
      version_number: publication.versionNumber,
      content_hash: publication.contentHash,
      title: publication.title,
      audience: campaign.audience,
      due_date: campaign.due_date,
      quiz: campaign.quiz,
      created_by: publication.actorId,
      created_at: now,
    });
    await markCampaignReplaced(trx, campaign.id, successor.id);
    await closeAssignments(trx, plan.replace, "replaced", now);
    const assigned = await assignPeople(trx, ctx, successor, plan.assign, publication.actorId, now);
    await recordCovered(trx, successor, plan.covered, now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: publication.actorId,
      action: "campaign.replaced",
      subjectType: "campaign",
      subjectId: campaign.id,
      payload: {
        policyId: publication.policyId,
        replacedBy: successor.id,
        versionNumber: publication.versionNumber,
        contentHash: publication.contentHash,
        editorial,
        replacedAssignments: plan.replace.length,
        assigned: assigned.length,
        covered: plan.covered.length,
      },
    });
  }
}
