/**
 * A version was published. The public site renders each published page once and keeps it; this tells it
 * to forget what it rendered, so a new publication shows at once.
 */
export class PublicationEvents {
  private readonly listeners = new Set<(policyId: string) => void>();

  /** Listens; returns the function that stops listening. */
  subscribe(listener: (policyId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(policyId: string): void {
    for (const listener of this.listeners) listener(policyId);
  }
}
