import { describe, expect, it } from "vitest";
import {
  accountSlowdownMs,
  checkSignIn,
  checkThrottle,
  clearFailures,
  emptySignInThrottle,
  pruneSignInThrottle,
  pruneThrottle,
  recordFailure,
  recordSignInFailure,
  recordSignInSuccess,
  type SignInAttempt,
  type SignInThrottleRules,
  type SignInThrottleState,
  type ThrottleState,
} from "./login-throttle.js";

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

const minute = 60_000;
const rules: SignInThrottleRules = {
  perPair: { maxFailures: 5, windowMs: 15 * minute },
  perAddress: { maxFailures: 20, windowMs: 15 * minute },
  accountSlowdown: { freeFailures: 10, windowMs: 60 * minute, baseDelayMs: 1000, maxDelayMs: 15 * minute },
};
const fromAddress = (address: string, accountKey = "owner@example.org"): SignInAttempt => ({ accountKey, address });
const failAll = (state: SignInThrottleState, attempts: SignInAttempt[], now: number) =>
  attempts.reduce((next, attempt) => recordSignInFailure(next, attempt, rules, now), state);

describe("the sign-in rules", () => {
  it("refuses one address after its failures on one account, and says how long to wait", () => {
    const attacker = fromAddress("198.51.100.1");
    const state = failAll(emptySignInThrottle, Array(5).fill(attacker), 0);
    expect(checkSignIn(state, attacker, rules, 1000)).toEqual({ allowed: false, retryAfterMs: 15 * minute - 1000 });
  });

  it("never holds back the owner's address for a stranger's failures on the account", () => {
    const strangers = Array.from({ length: 50 }, (_, index) => fromAddress(`198.51.100.${index}`));
    const state = failAll(emptySignInThrottle, [...strangers, ...strangers, ...strangers], 0);
    expect(checkSignIn(state, fromAddress("203.0.113.5"), rules, 1)).toEqual({ allowed: true });
  });

  it("slows every failing address once the account's failures pass the allowance, longer with each failure", () => {
    const attackers = Array.from({ length: 12 }, (_, index) => fromAddress(`198.51.100.${index}`));
    const state = failAll(emptySignInThrottle, attackers, 0);
    // 12 failures, 10 free: the account asks 1 s × 2² of each failing address, bounded by that
    // address's own failures (one so far: 1 s).
    expect(checkSignIn(state, attackers[0]!, rules, 500)).toEqual({ allowed: false, retryAfterMs: 500 });
    expect(checkSignIn(state, attackers[0]!, rules, 1000)).toEqual({ allowed: true });
    // Its second failure, with 18 on the account: min(1 s × 2⁸, 4 s) = 4 s.
    const more = failAll(state, [...Array.from({ length: 5 }, (_, index) => fromAddress(`192.0.2.${index}`)), attackers[0]!], 1000);
    expect(checkSignIn(more, attackers[0]!, rules, 2000)).toEqual({ allowed: false, retryAfterMs: 3000 });
    // Its third: 16 s, its fourth: 64 s (the account's wait, 2¹⁰ s and more, is larger).
    const third = failAll(more, [attackers[0]!], 5000);
    expect(checkSignIn(third, attackers[0]!, rules, 5000)).toEqual({ allowed: false, retryAfterMs: 16_000 });
    const fourth = failAll(third, [attackers[0]!], 21_000);
    expect(checkSignIn(fourth, attackers[0]!, rules, 21_000)).toEqual({ allowed: false, retryAfterMs: 64_000 });
  });

  it("costs the owner one second for one typo, however hard strangers hammer the account", () => {
    const strangers = Array.from({ length: 50 }, (_, index) => fromAddress(`198.51.100.${index}`));
    const owner = fromAddress("203.0.113.5");
    const state = failAll(emptySignInThrottle, [...strangers, ...strangers, owner], 0);
    expect(checkSignIn(state, owner, rules, 1)).toEqual({ allowed: false, retryAfterMs: 999 });
    expect(checkSignIn(state, owner, rules, 1000)).toEqual({ allowed: true });
  });

  it("does not slow anyone while the account's failures stay within the allowance", () => {
    const state = failAll(emptySignInThrottle, [fromAddress("a"), fromAddress("a"), fromAddress("b")], 0);
    expect(checkSignIn(state, fromAddress("a"), rules, 1)).toEqual({ allowed: true });
  });

  it("caps the slowdown", () => {
    expect(accountSlowdownMs(9, rules.accountSlowdown)).toBe(0);
    expect(accountSlowdownMs(10, rules.accountSlowdown)).toBe(1000);
    expect(accountSlowdownMs(10_000, rules.accountSlowdown)).toBe(15 * minute);
  });

  it("refuses one address spraying many accounts", () => {
    const spray = Array.from({ length: 20 }, (_, index) => fromAddress("198.51.100.9", `person${index}@example.org`));
    const state = failAll(emptySignInThrottle, spray, 0);
    expect(checkSignIn(state, fromAddress("198.51.100.9", "someone-else@example.org"), rules, 1).allowed).toBe(false);
    expect(checkSignIn(state, fromAddress("203.0.113.5", "person0@example.org"), rules, 1).allowed).toBe(true);
  });

  it("counts an attempt in flight as a failure, and withdraws it when it succeeds", () => {
    const owner = fromAddress("203.0.113.5");
    const inFlight = recordSignInFailure(failAll(emptySignInThrottle, [owner, owner], 0), owner, rules, 10);
    expect(inFlight.byAccount.get("owner@example.org")).toEqual([0, 0, 10]);
    const succeeded = recordSignInSuccess(inFlight, owner, 10);
    expect(succeeded.byPair.size).toBe(0);
    expect(succeeded.byAccount.get("owner@example.org")).toEqual([0, 0]);
    expect(succeeded.byAddress.get("203.0.113.5")).toEqual([0, 0]);
  });

  it("prunes what has left every window", () => {
    const state = failAll(emptySignInThrottle, [fromAddress("a")], 0);
    const pruned = pruneSignInThrottle(state, rules, 61 * minute);
    expect([pruned.byPair.size, pruned.byAddress.size, pruned.byAccount.size]).toEqual([0, 0, 0]);
  });
});
