import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { deleteMember, findMember } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** The facilitator takes someone out of the working group. */
export async function removeMember(ctx: UseCaseContext, actor: CurrentUser, policyId: string, userId: string): Promise<void> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "member.manage");
  const existing = await findMember(ctx.db, policy.id, userId);
  if (!existing) throw new AccordError("not_found", "This person is not in the working group.");
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    // A concurrent removal may have won; only the one that deleted the row records it.
    if (!(await deleteMember(trx, policy.id, userId))) return;
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "member.removed",
      subjectType: "policy",
      subjectId: policy.id,
      payload: { userId, role: existing.role, affiliation: existing.affiliation },
    });
  });
  ctx.events.publish("access", { kind: "policy", policyId: policy.id });
}
