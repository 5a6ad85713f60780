import { AccordError, type Affiliation, type PolicyRole } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountById } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import { findMember, insertMember, listMembers, updateMember, type WorkingGroupMember } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/**
 * The facilitator puts someone in the working group with an affiliation and a role, or changes the
 * affiliation or role of someone already in it. Idempotent: the same request twice changes nothing more.
 */
export async function setMember(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  userId: string,
  input: { role: PolicyRole; affiliation: Affiliation },
): Promise<{ member: WorkingGroupMember; created: boolean }> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "member.manage");
  const account = await findAccountById(ctx.db, userId);
  if (!account) throw new AccordError("not_found", "No account was found for this member.");
  const existing = await findMember(ctx.db, policy.id, userId);
  const now = ctx.now();

  if (existing && existing.role === input.role && existing.affiliation === input.affiliation) {
    return { member: await memberView(ctx, policy.id, userId), created: false };
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (existing) await updateMember(trx, policy.id, userId, input);
      else await insertMember(trx, { policy_id: policy.id, user_id: userId, ...input, added_at: now });
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: existing ? "member.changed" : "member.added",
        subjectType: "policy",
        subjectId: policy.id,
        payload: {
          userId,
          role: input.role,
          affiliation: input.affiliation,
          ...(existing ? { previousRole: existing.role, previousAffiliation: existing.affiliation } : {}),
        },
      });
    });
  } catch (error) {
    // Added twice at the same moment: the primary key keeps one row; report it as already there.
    if (isUniqueViolation(error)) throw new AccordError("already_member");
    throw error;
  }
  ctx.events.publish("access", { kind: "policy", policyId: policy.id });
  return { member: await memberView(ctx, policy.id, userId), created: !existing };
}

async function memberView(ctx: UseCaseContext, policyId: string, userId: string): Promise<WorkingGroupMember> {
  const member = (await listMembers(ctx.db, policyId)).find((candidate) => candidate.userId === userId);
  if (!member) throw new AccordError("not_found", "No member was found here.");
  return member;
}
