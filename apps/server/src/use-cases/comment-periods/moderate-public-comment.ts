import { AccordError, moderateComment, type ModerationAction, type RejectionReason } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { lockPublicComment, updatePublicComment, type PublicCommentRecord } from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";
import { loadPeriodFor } from "./period-access.js";

/** A moderator publishes, holds or rejects (with one of the published reasons) a public comment; audited, nothing deleted. */
export async function moderatePublicComment(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  commentId: string,
  input: { action: ModerationAction; reason?: RejectionReason },
): Promise<PublicCommentRecord> {
  const { period } = await loadPeriodFor(ctx, actor, periodId, "comment_period.moderate");
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const comment = await lockPublicComment(trx, period.id, commentId);
    if (!comment) throw new AccordError("not_found", "No such comment was found in this period.");
    const status = moderateComment(comment.status, input.action, input.reason ?? null);
    const rejectionReason = status === "rejected" ? input.reason! : null;
    await updatePublicComment(trx, comment.id, { status, moderated_by: actor.id, moderated_at: now, rejection_reason: rejectionReason });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: `public_comment.${status}`,
      subjectType: "public_comment",
      subjectId: comment.id,
      payload: { periodId: period.id, from: comment.status, to: status, ...(rejectionReason ? { reason: rejectionReason } : {}) },
    });
    return { ...comment, status, moderated_by: actor.id, moderated_at: now, rejection_reason: rejectionReason };
  });
}
