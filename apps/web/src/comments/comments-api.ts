import type { AnswerOf, commentEndpoints, CommentInput, NewThread } from "@accord/api-contract";
import { request } from "../api.js";

/**
 * The typed client for comment threads on a policy's draft (/api/policies/:policyId/threads…). The
 * shapes are the API contract's (ThreadView, CommentView), imported as types.
 */

const threadsPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}/threads`;
const threadPath = (policyId: string, threadId: string) => `${threadsPath(policyId)}/${encodeURIComponent(threadId)}`;
const commentPath = (policyId: string, threadId: string, commentId: string) =>
  `${threadPath(policyId, threadId)}/comments/${encodeURIComponent(commentId)}`;

/** The comments API, one function per endpoint. */
export const commentsApi = {
  /** Every thread of the draft, open and resolved, oldest first; the page filters them itself. */
  listThreads: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof commentEndpoints.list>>("GET", `${threadsPath(policyId)}?status=all`, undefined, signal).then((r) => r.threads),
  startThread: (policyId: string, input: NewThread) =>
    request<AnswerOf<typeof commentEndpoints.start>>("POST", threadsPath(policyId), input).then((r) => r.thread),
  reply: (policyId: string, threadId: string, input: CommentInput) =>
    request<AnswerOf<typeof commentEndpoints.reply>>("POST", `${threadPath(policyId, threadId)}/comments`, input).then((r) => r.comment),
  /** Changes my own comment; the server refuses others' comments and deleted or hidden ones. */
  editComment: (policyId: string, threadId: string, commentId: string, input: CommentInput) =>
    request<AnswerOf<typeof commentEndpoints.edit>>("PATCH", commentPath(policyId, threadId, commentId), input).then((r) => r.comment),
  deleteComment: (policyId: string, threadId: string, commentId: string) =>
    request<AnswerOf<typeof commentEndpoints.delete>>("DELETE", commentPath(policyId, threadId, commentId)).then((r) => r.comment),
  resolve: (policyId: string, threadId: string) =>
    request<AnswerOf<typeof commentEndpoints.resolve>>("POST", `${threadPath(policyId, threadId)}/resolve`).then((r) => r.thread),
  reopen: (policyId: string, threadId: string) =>
    request<AnswerOf<typeof commentEndpoints.reopen>>("POST", `${threadPath(policyId, threadId)}/reopen`).then((r) => r.thread),
  /** Hides a comment from everyone, with the reason shown in its place. Facilitator only; audited. */
  hideComment: (policyId: string, threadId: string, commentId: string, reason: string) =>
    request<AnswerOf<typeof commentEndpoints.hide>>("POST", `${commentPath(policyId, threadId, commentId)}/hide`, { reason }).then(
      (r) => r.comment,
    ),
};
