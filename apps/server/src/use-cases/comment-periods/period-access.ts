import { AccordError, type PolicyAction } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { loadPolicyFor, type PolicyAccess } from "../../access/policy-access.js";
import { findCommentPeriod, type CommentPeriodRow } from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The period and its policy, after the permission table's answer for `action` (not found first, then not allowed). */
export async function loadPeriodFor(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  action: PolicyAction,
): Promise<{ period: CommentPeriodRow; access: PolicyAccess }> {
  const period = uuidPattern.test(periodId) ? await findCommentPeriod(ctx.db, periodId) : undefined;
  if (!period) throw new AccordError("not_found", "No comment period was found here.");
  const access = await loadPolicyFor(ctx.db, actor, period.policy_id, action);
  return { period, access };
}
