import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { updateShownComment } from "../../storage/comments.js";
import { loadCommentFor, requireShown } from "./comment-access.js";
import { buildCommentView, type CommentView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/**
 * Deletes one's own comment. The row stays (who wrote it and when), only its body stops showing, so a
 * thread's conversation keeps its shape when one of its comments goes.
 */
export async function deleteComment(
  ctx: UseCaseContext,
  actor: CurrentUser,
  ids: { policyId: string; threadId: string; commentId: string },
): Promise<CommentView> {
  const { policy, thread, comment } = await loadCommentFor(
    ctx,
    actor,
    ids.policyId,
    ids.threadId,
    ids.commentId,
    "comment.create",
    "comment.delete",
  );
  requireShown(comment);
  const deleted = await updateShownComment(ctx.db, comment.id, { deleted_at: ctx.now() });
  if (!deleted) throw new AccordError("comment_gone");
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  return buildCommentView(ctx.db, policy.id, deleted);
}
