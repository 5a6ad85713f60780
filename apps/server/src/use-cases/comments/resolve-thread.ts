import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { markThreadResolved } from "../../storage/comments.js";
import { loadThreadFor } from "./comment-access.js";
import { notifyThreadResolved } from "./comment-notices.js";
import { buildThreadViews, threadTextsNow, type ThreadView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/**
 * Resolves an open thread; it stays readable, and anyone who may comment can reopen it. Whoever started
 * it is told, in the same transaction.
 */
export async function resolveThread(ctx: UseCaseContext, actor: CurrentUser, policyId: string, threadId: string): Promise<ThreadView> {
  const { policy, thread } = await loadThreadFor(ctx, actor, policyId, threadId, "comment.create");
  if (thread.resolved_at !== null) throw new AccordError("thread_already_resolved");
  // The check is repeated inside the update, so of two people resolving at once only one does.
  const now = ctx.now();
  const resolved = await ctx.db.transaction().execute(async (trx) => {
    const changed = await markThreadResolved(trx, thread.id, actor.id, now);
    if (!changed) throw new AccordError("thread_already_resolved");
    await notifyThreadResolved(ctx, trx, { policy, thread: changed, resolvedBy: actor, now });
    return changed;
  });
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  const state = await ctx.liveDrafts.committedState(policy.id);
  const [view] = await buildThreadViews(ctx.db, policy.id, [resolved], threadTextsNow(state, [resolved]));
  return view!;
}
