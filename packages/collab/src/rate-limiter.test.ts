import { describe, expect, it } from "vitest";
import { TokenBucket } from "./rate-limiter.js";

describe("TokenBucket charged after the fact", () => {
  it("lets work start while units are left, goes into debt by its real cost, and refuses until the refill repays it", () => {
    const bucket = new TokenBucket(10, 5, 0);
    expect(bucket.hasTokens(0)).toBe(true);
    bucket.spend(25, 0);
    expect(bucket.hasTokens(0)).toBe(false);
    // 15 units of debt at 5 a second: still in debt after 3 s, clear after 3.2 s.
    expect(bucket.hasTokens(3000)).toBe(false);
    expect(bucket.hasTokens(3200)).toBe(true);
    expect(bucket.isFull(3200)).toBe(false);
    expect(bucket.isFull(5000)).toBe(true);
  });

  it("does not refill twice when the clock steps back and forward again", () => {
    const bucket = new TokenBucket(10, 1, 10_000);
    bucket.spend(10, 10_000);
    expect(bucket.hasTokens(5_000)).toBe(false);
    expect(bucket.hasTokens(10_000)).toBe(false);
  });
});
