import { AccordError, extendCommentPeriod } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findCommentPeriod, lockCommentPeriod, recordExtension } from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";
import { commentPeriodView, type CommentPeriodView } from "./period-view.js";

/** The facilitator moves a period's closing time later, with a reason that is published with the period. */
export async function extendPeriod(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  input: { closesAt: string; reason: string },
): Promise<CommentPeriodView> {
  const found = await findCommentPeriod(ctx.db, periodId);
  if (!found) throw new AccordError("not_found", "No comment period was found here.");
  await loadPolicyFor(ctx.db, actor, found.policy_id, "comment_period.manage");
  const now = ctx.now();
  const period = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await lockCommentPeriod(trx, periodId))!;
    const extension = extendCommentPeriod(
      { opensAt: locked.opens_at, closesAt: locked.closes_at },
      { closesAt: new Date(input.closesAt), reason: input.reason, extendedAt: now, extendedBy: actor.id },
    );
    await recordExtension(trx, {
      id: crypto.randomUUID(),
      period_id: periodId,
      previous_closes_at: extension.previousClosesAt,
      closes_at: extension.closesAt,
      reason: extension.reason,
      extended_by: actor.id,
      extended_at: now,
    });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "comment_period.extended",
      subjectType: "comment_period",
      subjectId: periodId,
      payload: {
        policyId: locked.policy_id,
        previousClosesAt: extension.previousClosesAt.toISOString(),
        closesAt: extension.closesAt.toISOString(),
        reason: extension.reason,
      },
    });
    return { ...locked, closes_at: extension.closesAt };
  });
  ctx.events.publish("publication", { policyId: period.policy_id });
  return commentPeriodView(ctx.db, period, now);
}
