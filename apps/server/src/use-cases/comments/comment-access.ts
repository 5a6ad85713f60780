import type { Kysely } from "kysely";
import {
  AccordError,
  authorizeOnPolicy,
  canOnComment,
  canOnPolicy,
  type CommentAction,
  type CommentActor,
  type FieldProblem,
  type PolicyAction,
} from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountById } from "../../storage/accounts.js";
import { findComment, findThread, type CommentRow, type CommentThreadRow } from "../../storage/comments.js";
import type { Database } from "../../storage/database.js";
import { findPolicyAccessFacts, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor, policyActorOf, type PolicyAccess } from "../../access/policy-access.js";
import { shortQuote } from "./thread-quote.js";

/** A thread together with its policy and what the current user may do there. */
export interface ThreadAccess extends PolicyAccess {
  thread: CommentThreadRow;
}

/**
 * Loads a thread of a policy the user may read, then checks the action, in the guard order: a policy
 * or thread that does not exist (or a thread of another policy) is not_found before anything is forbidden.
 */
export async function loadThreadFor(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
  threadId: string,
  action: PolicyAction,
): Promise<ThreadAccess> {
  const access = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const thread = await findThread(ctx.db, access.policy.id, threadId);
  if (!thread) throw new AccordError("not_found", "No comment thread was found here.");
  authorizeOnPolicy(access.actor, action);
  return { ...access, thread };
}

/**
 * Loads one comment of a thread as `loadThreadFor` does, not_found before forbidden; then, when given,
 * checks the action on the comment itself (`comment.edit`, `comment.delete`: its author's).
 */
export async function loadCommentFor(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
  threadId: string,
  commentId: string,
  action: PolicyAction,
  commentAction?: CommentAction,
): Promise<ThreadAccess & { comment: CommentRow }> {
  const access = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const thread = await findThread(ctx.db, access.policy.id, threadId);
  if (!thread) throw new AccordError("not_found", "No comment thread was found here.");
  const comment = await findComment(ctx.db, thread.id, commentId);
  if (!comment) throw new AccordError("not_found", "No such comment was found in this thread.");
  authorizeOnPolicy(access.actor, action);
  if (commentAction) authorizeOnComment({ ...access.actor, isAuthor: comment.author_id === user.id }, commentAction);
  return { ...access, thread, comment };
}

/** The words of a refused comment action: what the person tried to do. */
const refusedCommentAction: Record<CommentAction, string> = {
  "comment.edit": "Only its author may edit a comment.",
  "comment.delete": "Only its author may delete a comment.",
};

/** Refuses (forbidden) a comment action the permission table does not grant (someone else's comment). */
function authorizeOnComment(actor: CommentActor, action: CommentAction): void {
  if (!canOnComment(actor, action)) throw new AccordError("forbidden", refusedCommentAction[action]);
}

/** Refuses (comment_gone) a change to a comment that is deleted or hidden. */
export function requireShown(comment: CommentRow): void {
  if (comment.deleted_at !== null) throw new AccordError("comment_gone", "This comment was deleted, so it can no longer be changed.");
  if (comment.hidden_at !== null)
    throw new AccordError("comment_gone", "This comment was hidden by the facilitator, so it can no longer be changed.");
}

/**
 * The mentioned user ids, each once, after checking that each names an active account that may read
 * the policy (through the permission table). Refuses with validation_failed naming every bad entry.
 */
export async function checkMentions(db: Kysely<Database>, policyId: string, mentions: readonly string[]): Promise<string[]> {
  const accepted: string[] = [];
  const problems: FieldProblem[] = [];
  for (const [index, userId] of mentions.entries()) {
    if (accepted.includes(userId)) continue;
    const account = await findAccountById(db, userId);
    const facts = account && account.disabled_at === null ? await findPolicyAccessFacts(db, policyId, userId) : undefined;
    const mayRead =
      account !== undefined &&
      facts !== undefined &&
      canOnPolicy(policyActorOf({ isFacilitator: account.is_facilitator }, facts), "draft.read");
    if (mayRead) accepted.push(userId);
    else problems.push({ path: `/body/mentions/${index}`, message: "is not someone who can read this policy" });
  }
  if (problems.length > 0) {
    throw new AccordError("validation_failed", "Only people who can read this policy can be mentioned.", { fields: problems });
  }
  return accepted;
}

/**
 * Tells the mentioned people, in the caller's transaction, that they were mentioned. The author is
 * never told of their own mention. The notification quotes the commented text, not the comment, so a
 * comment that is later hidden does not live on in inboxes.
 */
export async function notifyMentioned(
  ctx: UseCaseContext,
  trx: Kysely<Database>,
  input: { policy: PolicyRow; thread: CommentThreadRow; author: CurrentUser; recipientIds: readonly string[]; now: Date },
): Promise<void> {
  const recipientIds = input.recipientIds.filter((userId) => userId !== input.author.id);
  if (recipientIds.length === 0) return;
  const quote = shortQuote(input.thread.quote, 160);
  await ctx.notifier.notify(
    trx,
    {
      recipientIds,
      actorId: input.author.id,
      kind: "mentioned",
      policyId: input.policy.id,
      proposalId: null,
      title: `${input.author.displayName} mentioned you in a comment on ${input.policy.title}`,
      body: `On the text “${quote}”.`,
      link: `/app/policies/${input.policy.id}?thread=${input.thread.id}`,
    },
    input.now,
  );
}
