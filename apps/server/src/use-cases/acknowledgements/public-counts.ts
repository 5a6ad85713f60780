import { AccordError, authorizeAcknowledgementAdmin } from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import { countAcknowledgementsPerVersion } from "../../storage/acknowledgements.js";
import {
  findPublicCountsEnabled,
  listEditorialVersions,
  savePublicCountsEnabled,
  type EditorialVersionRow,
} from "../../storage/acknowledgement-settings.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import { findPolicyById } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";

/** Per version: how many people were asked to acknowledge it and how many did. */
export interface VersionAcknowledgementCount {
  versionNumber: number;
  assigned: number;
  acknowledged: number;
}

/**
 * The facilitator turns the public counts on or off for a policy: only aggregate numbers per version
 * ever reach the public page, never a name. Audited.
 */
export async function setPublicCounts(ctx: UseCaseContext, actor: CurrentUser, policyId: string, enabled: boolean): Promise<boolean> {
  authorizeAcknowledgementAdmin(actor, "campaign.manage");
  const policy = await findPolicyById(ctx.db, policyId);
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await savePublicCountsEnabled(trx, policy.id, enabled, actor.id, now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "acknowledgement.public_counts_set",
      subjectType: "policy",
      subjectId: policy.id,
      payload: { enabled },
    });
  });
  ctx.events.publish("publication", { policyId: policy.id });
  return enabled;
}

/** The policy's counts per version with whether they are public, and its editorial marks (for the facilitator). */
export async function getAcknowledgementCounts(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
): Promise<{ public: boolean; versions: VersionAcknowledgementCount[]; editorial: EditorialVersionRow[] }> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  const policy = await findPolicyById(ctx.db, policyId);
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  return {
    public: await findPublicCountsEnabled(ctx.db, policy.id),
    versions: await countAcknowledgementsPerVersion(ctx.db, policy.id),
    editorial: await listEditorialVersions(ctx.db, policy.id),
  };
}

/** For the public page: the counts per version when the facilitator turned them on, otherwise null. */
export async function publicAcknowledgementCounts(db: Kysely<Database>, policyId: string): Promise<VersionAcknowledgementCount[] | null> {
  if (!(await findPublicCountsEnabled(db, policyId))) return null;
  return countAcknowledgementsPerVersion(db, policyId);
}
