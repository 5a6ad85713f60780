/** A comment thread of a policy changed: started, replied to, edited, deleted, hidden, resolved or reopened. */
export interface CommentChange {
  policyId: string;
  threadId: string;
}

/**
 * Comments changed. Use cases announce it after their transaction commits; the collaboration server
 * tells every socket on that policy's draft, so the people editing it see new threads and replies at
 * once (their clients refetch the threads).
 */
export class CommentEvents {
  private readonly listeners = new Set<(change: CommentChange) => void>();

  /** Listens; returns the function that stops listening. */
  subscribe(listener: (change: CommentChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener; call after the change is committed. */
  announce(change: CommentChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
