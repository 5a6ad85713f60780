import { AccordError, assertEditorialReason, authorizeAcknowledgementAdmin } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { closeAssignments, lockAssignmentsOfPolicy } from "../../storage/acknowledgements.js";
import { insertEditorialVersion, type EditorialVersionRow, findEditorialVersion } from "../../storage/acknowledgement-settings.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findPolicyById } from "../../storage/policies.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";

/**
 * The facilitator marks a version "editorial, no new acknowledgement", with a reason that is audited and
 * shown with the version. Before it is published, publishing it then assigns only those who had not
 * acknowledged the earlier version; once published, the open assignments of people who acknowledged an
 * earlier version are closed as covered (their acknowledgement stands).
 */
export async function markEditorial(
  ctx: UseCaseContext,
  actor: CurrentUser,
  input: { policyId: string; versionNumber: number; reason: string },
): Promise<{ editorial: EditorialVersionRow; covered: number }> {
  authorizeAcknowledgementAdmin(actor, "campaign.manage");
  const policy = await findPolicyById(ctx.db, input.policyId);
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  const version = await findVersion(ctx.db, policy.id, input.versionNumber);
  if (!version) throw new AccordError("not_found", `This policy has no version ${input.versionNumber}.`);
  const reason = assertEditorialReason(input.reason);
  const now = ctx.now();
  const covered = await ctx.db.transaction().execute(async (trx) => {
    if (
      !(await insertEditorialVersion(trx, {
        policyId: policy.id,
        versionNumber: input.versionNumber,
        reason,
        markedBy: actor.id,
        markedAt: now,
      }))
    ) {
      throw new AccordError("validation_failed", `Version ${input.versionNumber} is already marked editorial.`);
    }
    const assignments = await lockAssignmentsOfPolicy(trx, policy.id);
    // Acknowledged an earlier version, and assigned this one: their acknowledgement stands.
    const acknowledgedEarlier = new Set(
      assignments
        .filter((assignment) => assignment.version_number < input.versionNumber && assignment.status === "acknowledged")
        .map((assignment) => assignment.user_id),
    );
    const coveredIds = assignments
      .filter(
        (assignment) =>
          assignment.version_number === input.versionNumber && assignment.status === "open" && acknowledgedEarlier.has(assignment.user_id),
      )
      .map((assignment) => assignment.id);
    await closeAssignments(trx, coveredIds, "covered", now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "acknowledgement.editorial_marked",
      subjectType: "policy",
      subjectId: policy.id,
      payload: { versionNumber: input.versionNumber, contentHash: version.content_hash, reason, covered: coveredIds.length },
    });
    return coveredIds.length;
  });
  const editorial = await findEditorialVersion(ctx.db, policy.id, input.versionNumber);
  if (!editorial) throw new AccordError("internal_error");
  return { editorial, covered };
}
