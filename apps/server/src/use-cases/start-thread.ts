import { AccordError } from "@accord/domain";
import { decodeCommentAnchor, type EncodedCommentAnchor } from "@accord/collab";
import type { CurrentUser } from "../auth/sessions.js";
import { insertComment, insertThread } from "../storage/comments.js";
import { checkMentions, notifyMentioned } from "./comment-access.js";
import { buildThreadViews, withDraftAnchors, type ThreadView } from "./comment-views.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/** What a new thread holds: where it is anchored, the text it quotes, its first comment. */
export interface StartThreadInput {
  anchor: EncodedCommentAnchor;
  quote: string;
  body: string;
  mentions?: string[];
}

/**
 * Starts a comment thread on a range of the draft. The anchor must decode and cover text of the
 * committed draft now; the quote is kept as given, so the thread still says what it was about if that
 * text is later deleted. Mentioned people are notified in the same transaction.
 */
export async function startThread(ctx: UseCaseContext, actor: CurrentUser, policyId: string, input: StartThreadInput): Promise<ThreadView> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "comment.create");
  const anchor = decodeCommentAnchor(input.anchor, "/body/anchor");
  const state = await ctx.liveDrafts.committedState(policy.id);
  if (!state) throw new AccordError("not_found", "This policy has no draft to comment on.");
  withDraftAnchors(state, (anchors) => anchors.check(anchor, "/body/anchor"));
  const mentions = await checkMentions(ctx.db, policy.id, input.mentions ?? []);
  const now = ctx.now();
  const thread = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertThread(trx, {
      id: crypto.randomUUID(),
      policy_id: policy.id,
      anchor_start: input.anchor.start,
      anchor_end: input.anchor.end,
      quote: input.quote,
      created_by: actor.id,
      created_at: now,
      resolved_at: null,
      resolved_by: null,
    });
    await insertComment(trx, {
      id: crypto.randomUUID(),
      thread_id: created.id,
      author_id: actor.id,
      body: input.body.trim(),
      mentions,
      created_at: now,
    });
    await notifyMentioned(ctx, trx, { policy, thread: created, author: actor, recipientIds: mentions, now });
    return created;
  });
  ctx.commentEvents.announce({ policyId: policy.id, threadId: thread.id });
  // Just checked against the committed draft: its text exists.
  const [view] = await buildThreadViews(ctx.db, policy.id, [thread], new Set());
  return view!;
}
