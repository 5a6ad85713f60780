import type { CurrentUser } from "../../auth/sessions.js";
import { insertComment } from "../../storage/comments.js";
import { checkMentions, loadThreadFor, notifyMentioned } from "./comment-access.js";
import { notifyThreadReply } from "./comment-notices.js";
import { buildCommentView, type CommentView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/** Adds a reply to a thread (open or resolved: a resolved thread stays readable and answerable). */
export async function replyToThread(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  threadId: string,
  input: { body: string; mentions?: string[] },
): Promise<CommentView> {
  const { policy, thread } = await loadThreadFor(ctx, actor, policyId, threadId, "comment.create");
  const mentions = await checkMentions(ctx.db, policy.id, input.mentions ?? []);
  const now = ctx.now();
  const comment = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertComment(trx, {
      id: crypto.randomUUID(),
      thread_id: thread.id,
      author_id: actor.id,
      body: input.body.trim(),
      mentions,
      created_at: now,
    });
    await notifyMentioned(ctx, trx, { policy, thread, author: actor, recipientIds: mentions, now });
    await notifyThreadReply(ctx, trx, { policy, thread, author: actor, mentioned: mentions, now });
    return created;
  });
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  return buildCommentView(ctx.db, policy.id, comment);
}
