/**
 * A token bucket: `capacity` units at most, refilled at `ratePerSecond`. Pure over the clock the caller
 * passes, so tests can drive it. One per connection for messages and one for bytes; one per account for
 * the time spent checking suggestions (`hasTokens`, then `spend` once the cost is known).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly ratePerSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = Math.max(this.updatedAt, now);
  }

  /** Takes `amount` units if available now; false when the bucket is empty (the caller refuses). */
  take(amount: number, now: number): boolean {
    this.refill(now);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /**
   * True while some units are left: for work whose cost is known only once it ran, which may start
   * while this holds and is then charged with `spend`.
   */
  hasTokens(now: number): boolean {
    this.refill(now);
    return this.tokens > 0;
  }

  /**
   * Charges `amount` units after the fact. The bucket may go into debt: nothing more may start until
   * the refill has paid it back, so a costly piece of work is paid for in full, never forgiven.
   */
  spend(amount: number, now: number): void {
    this.refill(now);
    this.tokens -= amount;
  }

  /** True when the bucket is full again (an idle holder: its bucket can be forgotten). */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}
