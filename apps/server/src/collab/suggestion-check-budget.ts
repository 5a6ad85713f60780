import { TokenBucket } from "@accord/collab";

/**
 * How much server time each account may spend having its suggestions checked. Per account, not per
 * socket: one person's sockets share it, and a reconnect starts where the last socket left off. A port,
 * so that several server processes can later share one store (Redis) with the same two calls.
 */
export interface SuggestionCheckBudget {
  /** True while the account may start another check: it has budget left and no debt. */
  allows(accountId: string): Promise<boolean>;
  /** Charges the milliseconds a check took (refused or not); the account may go into debt by it. */
  charge(accountId: string, ms: number): Promise<void>;
}

/**
 * The budget in this process's memory: a token bucket per account, in milliseconds, refilled by the
 * injected clock. One process only (so is everything else in the collaboration server); a restart
 * forgets it, which errs toward the person typing.
 */
export class InMemorySuggestionCheckBudget implements SuggestionCheckBudget {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: { msPerSecond: number; burstMs: number },
    private readonly now: () => number,
  ) {}

  async allows(accountId: string): Promise<boolean> {
    return this.buckets.get(accountId)?.hasTokens(this.now()) ?? true;
  }

  async charge(accountId: string, ms: number): Promise<void> {
    const now = this.now();
    let bucket = this.buckets.get(accountId);
    if (!bucket) {
      // Forget accounts whose buckets have refilled, so the map holds only those checked lately.
      if (this.buckets.size >= 1000) for (const [id, held] of this.buckets) if (held.isFull(now)) this.buckets.delete(id);
      bucket = new TokenBucket(this.limits.burstMs, this.limits.msPerSecond, now);
      this.buckets.set(accountId, bucket);
    }
    bucket.spend(ms, now);
  }
}
