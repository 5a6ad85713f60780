/**
 * Something changed who may do what. Use cases announce it after their transaction commits; the
 * collaboration server re-checks the open sockets it concerns, so a removed member, a lowered role, a
 * disabled account or a session ended elsewhere reaches open editors at once, not at their next request.
 */
export type AccessChange =
  | { kind: "policy"; policyId: string }
  | { kind: "account"; userId: string }
  | { kind: "session"; sessionId: string };

/** A tiny in-process announcer of access changes (one process serves every socket). */
export class AccessEvents {
  private readonly listeners = new Set<(change: AccessChange) => void>();

  /** Listens to every change; returns the function that stops listening. */
  subscribe(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(change: AccessChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
