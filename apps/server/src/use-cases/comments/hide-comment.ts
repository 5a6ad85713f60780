import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { updateShownComment } from "../../storage/comments.js";
import { loadCommentFor, requireShown } from "./comment-access.js";
import { buildCommentView, type CommentView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/**
 * The facilitator hides a comment, with a reason. The comment stays (who, when, why are shown in its
 * place) and the hiding is recorded in the audit trail, so moderation is never silent.
 */
export async function hideComment(
  ctx: UseCaseContext,
  actor: CurrentUser,
  ids: { policyId: string; threadId: string; commentId: string },
  input: { reason: string },
): Promise<CommentView> {
  const { policy, thread, comment } = await loadCommentFor(ctx, actor, ids.policyId, ids.threadId, ids.commentId, "comment.hide");
  requireShown(comment);
  const reason = input.reason.trim();
  const now = ctx.now();
  const hidden = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateShownComment(trx, comment.id, { hidden_at: now, hidden_by: actor.id, hidden_reason: reason });
    if (!updated) throw new AccordError("comment_gone");
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "comment.hidden",
      subjectType: "comment",
      subjectId: comment.id,
      payload: { policyId: policy.id, threadId: thread.id, authorId: comment.author_id, reason },
    });
    return updated;
  });
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  return buildCommentView(ctx.db, policy.id, hidden);
}
