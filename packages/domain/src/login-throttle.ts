/**
 * Throttling of failed sign-ins, per account and per client address. Counting failures (not requests)
 * means a person who signs in correctly is never slowed by their own successes, while a guesser is
 * stopped after a few tries. The key for an account is the email as typed (normalised), whether or not
 * such an account exists, so the throttle says nothing about which accounts exist.
 *
 * Pure: the state is a value, and the caller passes the clock.
 */
export interface ThrottleRule {
  /** Failures allowed within the window before the key is refused. */
  maxFailures: number;
  /** The sliding window over which failures count, and so the cool-down. */
  windowMs: number;
}

/** Failure times per key, oldest first. */
export type ThrottleState = ReadonlyMap<string, readonly number[]>;

/** The verdict on a key: allowed, or refused until a time. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

function recentFailures(state: ThrottleState, key: string, rule: ThrottleRule, now: number): readonly number[] {
  return (state.get(key) ?? []).filter((time) => now - time < rule.windowMs);
}

/** Whether the key may try now. */
export function checkThrottle(state: ThrottleState, key: string, rule: ThrottleRule, now: number): ThrottleVerdict {
  const failures = recentFailures(state, key, rule, now);
  if (failures.length < rule.maxFailures) return { allowed: true };
  const oldestCounted = failures[failures.length - rule.maxFailures] ?? now;
  return { allowed: false, retryAfterMs: Math.max(1, oldestCounted + rule.windowMs - now) };
}

/** The state after a failure by the key (old failures outside the window are dropped). */
export function recordFailure(state: ThrottleState, key: string, rule: ThrottleRule, now: number): ThrottleState {
  const next = new Map(state);
  next.set(key, [...recentFailures(state, key, rule, now), now]);
  return next;
}

/** The state after a success by the key: its failures are forgotten. */
export function clearFailures(state: ThrottleState, key: string): ThrottleState {
  if (!state.has(key)) return state;
  const next = new Map(state);
  next.delete(key);
  return next;
}

/** The state without keys whose failures have all left the window (to bound memory). */
export function pruneThrottle(state: ThrottleState, rule: ThrottleRule, now: number): ThrottleState {
  const next = new Map<string, readonly number[]>();
  for (const key of state.keys()) {
    const failures = recentFailures(state, key, rule, now);
    if (failures.length > 0) next.set(key, failures);
  }
  return next;
}
