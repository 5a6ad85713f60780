import type { CurrentUser } from "../../auth/sessions.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { listCommentPeriods } from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";
import { commentPeriodView, type CommentPeriodView } from "./period-view.js";

/** A policy's comment periods, newest first, for anyone who may read the policy. */
export async function listPolicyCommentPeriods(ctx: UseCaseContext, actor: CurrentUser, policyId: string): Promise<CommentPeriodView[]> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "policy.read");
  const now = ctx.now();
  return Promise.all((await listCommentPeriods(ctx.db, policy.id)).map((period) => commentPeriodView(ctx.db, period, now)));
}
