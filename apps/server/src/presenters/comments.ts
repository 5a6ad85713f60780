import type { CommentView, ThreadView } from "@accord/api-contract";
import type { CommentView as CommentOnThread, ThreadView as ThreadOnDraft } from "../use-cases/comments/comment-views.js";
import { presentPerson } from "./people.js";

/** One comment; its body and mentions are already gone once it is deleted or hidden. */
export function presentComment(comment: CommentOnThread): CommentView {
  return {
    id: comment.id,
    threadId: comment.threadId,
    author: presentPerson(comment.author),
    body: comment.body,
    mentions: comment.mentions.map(presentPerson),
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    deleted: comment.deleted,
    hidden: comment.hidden ? { by: presentPerson(comment.hidden.by), at: comment.hidden.at, reason: comment.hidden.reason } : null,
  };
}

/** A thread with its comments, oldest first. */
export function presentThread(thread: ThreadOnDraft): ThreadView {
  return {
    id: thread.id,
    policyId: thread.policyId,
    anchor: { start: thread.anchor.start, end: thread.anchor.end },
    quote: thread.quote,
    originalQuote: thread.originalQuote,
    onDeletedText: thread.onDeletedText,
    status: thread.status,
    createdAt: thread.createdAt,
    createdBy: presentPerson(thread.createdBy),
    resolvedAt: thread.resolvedAt,
    resolvedBy: thread.resolvedBy ? presentPerson(thread.resolvedBy) : null,
    comments: thread.comments.map(presentComment),
  };
}
