import { describe, expect, it } from "vitest";
import { checkThrottle, clearFailures, pruneThrottle, recordFailure, type ThrottleState } from "./login-throttle.js";

const rule = { maxFailures: 3, windowMs: 60_000 };
const fail = (state: ThrottleState, times: number[]) => times.reduce((next, time) => recordFailure(next, "a", rule, time), state);

describe("the login throttle", () => {
  it("allows a key until it reaches the number of failures", () => {
    const state = fail(new Map(), [0, 1000]);
    expect(checkThrottle(state, "a", rule, 2000)).toEqual({ allowed: true });
  });

  it("refuses a key at the limit and says how long to wait", () => {
    const state = fail(new Map(), [0, 1000, 2000]);
    expect(checkThrottle(state, "a", rule, 3000)).toEqual({ allowed: false, retryAfterMs: 57_000 });
  });

  it("allows the key again once the oldest counted failure leaves the window", () => {
    const state = fail(new Map(), [0, 1000, 2000]);
    expect(checkThrottle(state, "a", rule, 60_000)).toEqual({ allowed: true });
  });

  it("keeps other keys unaffected", () => {
    const state = fail(new Map(), [0, 1000, 2000]);
    expect(checkThrottle(state, "b", rule, 3000)).toEqual({ allowed: true });
  });

  it("forgets a key's failures after a success", () => {
    const state = clearFailures(fail(new Map(), [0, 1000, 2000]), "a");
    expect(checkThrottle(state, "a", rule, 3000)).toEqual({ allowed: true });
  });

  it("does not change the state it was given", () => {
    const before: ThrottleState = new Map();
    recordFailure(before, "a", rule, 0);
    expect(before.size).toBe(0);
  });

  it("prunes keys whose failures are all outside the window", () => {
    const state = recordFailure(fail(new Map(), [0]), "b", rule, 50_000);
    expect([...pruneThrottle(state, rule, 70_000).keys()]).toEqual(["b"]);
  });
});
