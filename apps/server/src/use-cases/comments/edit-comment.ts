import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { updateShownComment } from "../../storage/comments.js";
import { checkMentions, loadCommentFor, notifyMentioned, requireShown } from "./comment-access.js";
import { buildCommentView, type CommentView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/**
 * Edits one's own comment: its body and, when given, its mentions (left as they were when not given).
 * Only people newly mentioned are notified; an edit that changes nothing records nothing.
 */
export async function editComment(
  ctx: UseCaseContext,
  actor: CurrentUser,
  ids: { policyId: string; threadId: string; commentId: string },
  input: { body: string; mentions?: string[] },
): Promise<CommentView> {
  const { policy, thread, comment } = await loadCommentFor(
    ctx,
    actor,
    ids.policyId,
    ids.threadId,
    ids.commentId,
    "comment.create",
    "comment.edit",
  );
  requireShown(comment);
  const body = input.body.trim();
  const mentions = input.mentions ? await checkMentions(ctx.db, policy.id, input.mentions) : comment.mentions;
  const unchanged =
    body === comment.body && mentions.length === comment.mentions.length && mentions.every((id) => comment.mentions.includes(id));
  if (unchanged) return buildCommentView(ctx.db, policy.id, comment);
  const newlyMentioned = mentions.filter((userId) => !comment.mentions.includes(userId));
  const now = ctx.now();
  const edited = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateShownComment(trx, comment.id, { body, mentions, edited_at: now });
    // Deleted or hidden between the check above and this update.
    if (!updated) throw new AccordError("comment_gone");
    await notifyMentioned(ctx, trx, { policy, thread, author: actor, recipientIds: newlyMentioned, now });
    return updated;
  });
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  return buildCommentView(ctx.db, policy.id, edited);
}
