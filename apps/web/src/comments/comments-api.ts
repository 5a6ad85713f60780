import { request } from "../api.js";

/**
 * The typed client for comment threads on a policy's draft (/api/policies/:policyId/threads…). The
 * shapes restate the server's ThreadView and CommentView as plain data.
 */

/** Someone as a comment shows them. `affiliation` is null for a facilitator outside the working group. */
export interface Person {
  id: string;
  name: string;
  affiliation: string | null;
}

/** Who hid a comment, when and why; shown to everyone who reads the thread. */
export interface HiddenMark {
  by: Person;
  at: string;
  reason: string;
}

/** One comment of a thread. `body` is null once the comment is deleted or hidden. */
export interface CommentView {
  id: string;
  threadId: string;
  author: Person;
  body: string | null;
  mentions: Person[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: HiddenMark | null;
}

/** Where a thread sits in the draft: both ends as base64 of `Y.encodeRelativePosition`. */
export interface ThreadAnchor {
  start: string;
  end: string;
}

/** Whether a thread is still under discussion. */
export type ThreadStatus = "open" | "resolved";

/** A comment thread anchored to a range of the draft, with its comments oldest first. */
export interface ThreadView {
  id: string;
  policyId: string;
  anchor: ThreadAnchor;
  /** The words the thread is on in the committed draft now; once they are deleted, the original quote. */
  quote: string;
  /** The words the thread was started on, kept so the thread still makes sense once that text changes or goes. */
  originalQuote: string;
  /** The server found the anchored text deleted. */
  onDeletedText: boolean;
  status: ThreadStatus;
  createdAt: string;
  createdBy: Person;
  resolvedAt: string | null;
  resolvedBy: Person | null;
  comments: CommentView[];
}

/** What starts a thread: where, on which words, and its first comment. */
export interface NewThreadInput {
  anchor: ThreadAnchor;
  quote: string;
  body: string;
  /** User ids of the people mentioned in the body. */
  mentions: string[];
}

/** The text of a comment or reply, with the ids of the people it mentions. */
export interface CommentInput {
  body: string;
  mentions: string[];
}

const threadsPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}/threads`;
const threadPath = (policyId: string, threadId: string) => `${threadsPath(policyId)}/${encodeURIComponent(threadId)}`;
const commentPath = (policyId: string, threadId: string, commentId: string) =>
  `${threadPath(policyId, threadId)}/comments/${encodeURIComponent(commentId)}`;

/** The comments API, one function per endpoint. */
export const commentsApi = {
  /** Every thread of the draft, open and resolved, oldest first; the page filters them itself. */
  listThreads: (policyId: string, signal?: AbortSignal) =>
    request<{ threads: ThreadView[] }>("GET", `${threadsPath(policyId)}?status=all`, undefined, signal).then(
      (r) => r.threads,
    ),
  startThread: (policyId: string, input: NewThreadInput) =>
    request<{ thread: ThreadView }>("POST", threadsPath(policyId), input).then((r) => r.thread),
  reply: (policyId: string, threadId: string, input: CommentInput) =>
    request<{ comment: CommentView }>("POST", `${threadPath(policyId, threadId)}/comments`, input).then((r) => r.comment),
  /** Changes my own comment; the server refuses others' comments and deleted or hidden ones. */
  editComment: (policyId: string, threadId: string, commentId: string, input: CommentInput) =>
    request<{ comment: CommentView }>("PATCH", commentPath(policyId, threadId, commentId), input).then((r) => r.comment),
  deleteComment: (policyId: string, threadId: string, commentId: string) =>
    request<{ comment: CommentView }>("DELETE", commentPath(policyId, threadId, commentId)).then((r) => r.comment),
  resolve: (policyId: string, threadId: string) =>
    request<{ thread: ThreadView }>("POST", `${threadPath(policyId, threadId)}/resolve`).then((r) => r.thread),
  reopen: (policyId: string, threadId: string) =>
    request<{ thread: ThreadView }>("POST", `${threadPath(policyId, threadId)}/reopen`).then((r) => r.thread),
  /** Hides a comment from everyone, with the reason shown in its place. Facilitator only; audited. */
  hideComment: (policyId: string, threadId: string, commentId: string, reason: string) =>
    request<{ comment: CommentView }>("POST", `${commentPath(policyId, threadId, commentId)}/hide`, { reason }).then(
      (r) => r.comment,
    ),
};
