/**
 * A token bucket: `capacity` units at most, refilled at `ratePerSecond`. Pure over the clock the caller
 * passes, so tests can drive it. One per connection for messages and one for bytes.
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

  /** Takes `amount` units if available now; false when the bucket is empty (the caller refuses). */
  take(amount: number, now: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
