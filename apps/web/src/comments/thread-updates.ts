import type { CommentView, ThreadView } from "@accord/api-contract";

/**
 * The thread list after one of my own actions, from the server's answer, so the change shows at once;
 * the next fetch (which the live event brings) confirms it.
 */

/** The list with this thread added, or replacing the one with its id. */
export function withThread(threads: readonly ThreadView[], thread: ThreadView): ThreadView[] {
  const index = threads.findIndex((existing) => existing.id === thread.id);
  if (index === -1) return [...threads, thread];
  return threads.map((existing, at) => (at === index ? thread : existing));
}

/** The list with this comment added to its thread, or replacing the one with its id. */
export function withComment(threads: readonly ThreadView[], comment: CommentView): ThreadView[] {
  return threads.map((thread) => {
    if (thread.id !== comment.threadId) return thread;
    const index = thread.comments.findIndex((existing) => existing.id === comment.id);
    const comments =
      index === -1 ? [...thread.comments, comment] : thread.comments.map((existing, at) => (at === index ? comment : existing));
    return { ...thread, comments };
  });
}
