import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { markThreadOpen } from "../../storage/comments.js";
import { loadThreadFor } from "./comment-access.js";
import { buildThreadViews, threadTextsNow, type ThreadView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";

/** Reopens a resolved thread. */
export async function reopenThread(ctx: UseCaseContext, actor: CurrentUser, policyId: string, threadId: string): Promise<ThreadView> {
  const { policy, thread } = await loadThreadFor(ctx, actor, policyId, threadId, "comment.create");
  if (thread.resolved_at === null) throw new AccordError("thread_not_resolved");
  // The check is repeated inside the update, so of two people reopening at once only one does.
  const reopened = await markThreadOpen(ctx.db, thread.id);
  if (!reopened) throw new AccordError("thread_not_resolved");
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  const state = await ctx.liveDrafts.committedState(policy.id);
  const [view] = await buildThreadViews(ctx.db, policy.id, [reopened], threadTextsNow(state, [reopened]));
  return view!;
}
