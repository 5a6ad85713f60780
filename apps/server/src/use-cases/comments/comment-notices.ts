import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import { findCommentsOfThreads, type CommentThreadRow } from "../../storage/comments.js";
import type { Database } from "../../storage/database.js";
import type { PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { readersAmong } from "../policies/policy-readers.js";
import { shortQuote } from "./thread-quote.js";

/** Where a notification about a thread leads: the policy, with the thread open. */
const threadLink = (policy: PolicyRow, thread: CommentThreadRow) => `/app/policies/${policy.id}?thread=${thread.id}`;

/**
 * Tells the people who started or joined a thread, in the caller's transaction (after the reply is
 * inserted), that someone replied. The author is not told; the mentioned are told once, by their
 * mention. Like a mention, it quotes the commented text, not the reply, so a reply hidden later does
 * not live on in inboxes.
 */
export async function notifyThreadReply(
  ctx: Pick<UseCaseContext, "notifier">,
  trx: Kysely<Database>,
  input: { policy: PolicyRow; thread: CommentThreadRow; author: CurrentUser; mentioned: readonly string[]; now: Date },
): Promise<void> {
  const comments = await findCommentsOfThreads(trx, [input.thread.id]);
  const participants = [input.thread.created_by, ...comments.map((comment) => comment.author_id)].filter(
    (userId) => !input.mentioned.includes(userId),
  );
  const recipientIds = await readersAmong(trx, input.policy.id, participants);
  await ctx.notifier.notify(
    trx,
    {
      recipientIds,
      actorId: input.author.id,
      kind: "thread_reply",
      policyId: input.policy.id,
      proposalId: null,
      title: `${input.author.displayName} replied in a thread you took part in on ${input.policy.title}`,
      body: `On the text “${shortQuote(input.thread.quote, 160)}”.`,
      link: threadLink(input.policy, input.thread),
    },
    input.now,
  );
}

/** Tells whoever started a thread, in the caller's transaction, that someone else resolved it. */
export async function notifyThreadResolved(
  ctx: Pick<UseCaseContext, "notifier">,
  trx: Kysely<Database>,
  input: { policy: PolicyRow; thread: CommentThreadRow; resolvedBy: CurrentUser; now: Date },
): Promise<void> {
  const recipientIds = await readersAmong(trx, input.policy.id, [input.thread.created_by]);
  await ctx.notifier.notify(
    trx,
    {
      recipientIds,
      actorId: input.resolvedBy.id,
      kind: "thread_resolved",
      policyId: input.policy.id,
      proposalId: null,
      title: `${input.resolvedBy.displayName} resolved your thread on ${input.policy.title}`,
      body: `On the text “${shortQuote(input.thread.quote, 160)}”. It stays readable, and can be reopened.`,
      link: threadLink(input.policy, input.thread),
    },
    input.now,
  );
}
