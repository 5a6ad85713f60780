import { AccordError } from "@accord/domain";
import { decodeCommentAnchor, type EncodedCommentAnchor } from "@accord/collab";
import type { CurrentUser } from "../../auth/sessions.js";
import { insertComment, insertThread } from "../../storage/comments.js";
import { checkMentions, notifyMentioned } from "./comment-access.js";
import { buildThreadViews, withDraftAnchors, type ThreadView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { threadQuote } from "./thread-quote.js";

/** What a new thread holds: where it is anchored and its first comment. */
export interface StartThreadInput {
  anchor: EncodedCommentAnchor;
  /** Ignored: the server takes the quote from the draft. Clients still send it (the API's first shape). */
  quote?: string;
  body: string;
  mentions?: string[];
}

/**
 * Starts a comment thread on a range of the draft. The anchor must decode and cover text of the
 * committed draft now. The thread quotes that text as the draft holds it (see threadQuote), never a
 * client's word for it: the quote is what readers see once the text is deleted, and what mentioned
 * people are told, so it must be true. Mentioned people are notified in the same transaction.
 */
export async function startThread(ctx: UseCaseContext, actor: CurrentUser, policyId: string, input: StartThreadInput): Promise<ThreadView> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "comment.create");
  const anchor = decodeCommentAnchor(input.anchor, "/body/anchor");
  const state = await ctx.liveDrafts.committedState(policy.id);
  if (!state) throw new AccordError("not_found", "This policy has no draft to comment on.");
  const quote = threadQuote(withDraftAnchors(state, (anchors) => anchors.textOf(anchors.check(anchor, "/body/anchor"))));
  const mentions = await checkMentions(ctx.db, policy.id, input.mentions ?? []);
  const now = ctx.now();
  const thread = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertThread(trx, {
      id: crypto.randomUUID(),
      policy_id: policy.id,
      anchor_start: input.anchor.start,
      anchor_end: input.anchor.end,
      quote,
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
  ctx.events.publish("comment", { policyId: policy.id, threadId: thread.id });
  // Just checked against the committed draft: its text exists.
  const [view] = await buildThreadViews(ctx.db, policy.id, [thread], new Map());
  return view!;
}
