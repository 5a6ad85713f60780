import { audienceIncludes, type AudienceMember } from "@accord/domain";
import type { Kysely } from "kysely";
import type { Database } from "../../storage/database.js";
import { insertAssignments, lockOpenCampaigns, type AssignmentRow, type CampaignRow } from "../../storage/acknowledgements.js";
import type { UseCaseContext } from "../context.js";

/**
 * Assigns a campaign's version to these people, in the caller's transaction, and tells each one (in the
 * app and by e-mail, through the outbox). Someone the campaign already assigned is skipped.
 */
export async function assignPeople(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  campaign: CampaignRow,
  userIds: readonly string[],
  actorId: string | null,
  now: Date,
): Promise<AssignmentRow[]> {
  const assigned = await insertAssignments(
    trx,
    userIds.map((userId) => ({
      id: crypto.randomUUID(),
      campaign_id: campaign.id,
      user_id: userId,
      policy_id: campaign.policy_id,
      version_number: campaign.version_number,
      content_hash: campaign.content_hash,
      due_date: campaign.due_date,
      assigned_at: now,
    })),
  );
  for (const assignment of assigned) {
    await ctx.notifier.notify(
      trx,
      {
        recipientIds: [assignment.user_id],
        actorId,
        kind: "acknowledgement_requested",
        policyId: campaign.policy_id,
        proposalId: null,
        title: `Please acknowledge ${campaign.title}, version ${campaign.version_number}`,
        body: `Read version ${campaign.version_number} of ${campaign.title} and acknowledge it by ${campaign.due_date}.`,
        link: `/app/acknowledgements/${assignment.id}`,
      },
      now,
    );
  }
  return assigned;
}

/**
 * Assigns someone who joined the roster (or moved to another unit) every open campaign whose audience
 * now takes them in: people who join later are assigned automatically.
 */
export async function assignNewcomer(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  person: AudienceMember,
  actorId: string | null,
  now: Date,
): Promise<AssignmentRow[]> {
  const assigned: AssignmentRow[] = [];
  for (const campaign of await lockOpenCampaigns(trx)) {
    if (audienceIncludes(campaign.audience, person))
      assigned.push(...(await assignPeople(trx, ctx, campaign, [person.userId], actorId, now)));
  }
  return assigned;
}

/**
 * Records, without telling anyone, that these people need not acknowledge the campaign's version: it
 * was marked editorial and they acknowledged the one it revises. Their assignment is closed as covered,
 * so reports and the public counts count them as having acknowledged.
 */
export async function recordCovered(
  trx: Kysely<Database>,
  campaign: CampaignRow,
  userIds: readonly string[],
  now: Date,
): Promise<AssignmentRow[]> {
  return insertAssignments(
    trx,
    userIds.map((userId) => ({
      id: crypto.randomUUID(),
      campaign_id: campaign.id,
      user_id: userId,
      policy_id: campaign.policy_id,
      version_number: campaign.version_number,
      content_hash: campaign.content_hash,
      due_date: campaign.due_date,
      status: "covered" as const,
      assigned_at: now,
      closed_at: now,
    })),
  );
}
