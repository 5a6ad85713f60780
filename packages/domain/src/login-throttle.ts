/**
 * Throttling of failed sign-ins: sliding windows of failures per key, and the sign-in rules over them
 * (per account and address, per address, and a slowdown per account; see SignInThrottleRules).
 * Counting failures (not requests) means a person who signs in correctly is never slowed by their own
 * successes, while a guesser is stopped after a few tries. The key for an account is the email as typed
 * (normalised), whether or not such an account exists, so the throttle says nothing about which
 * accounts exist.
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

function recentFailures(state: ThrottleState, key: string, rule: Pick<ThrottleRule, "windowMs">, now: number): readonly number[] {
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
export function recordFailure(state: ThrottleState, key: string, rule: Pick<ThrottleRule, "windowMs">, now: number): ThrottleState {
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
export function pruneThrottle(state: ThrottleState, rule: Pick<ThrottleRule, "windowMs">, now: number): ThrottleState {
  const next = new Map<string, readonly number[]>();
  for (const key of state.keys()) {
    const failures = recentFailures(state, key, rule, now);
    if (failures.length > 0) next.set(key, failures);
  }
  return next;
}

/** Removes one failure at exactly `time` from the key (an attempt counted in advance that succeeded). */
export function withdrawFailure(state: ThrottleState, key: string, time: number): ThrottleState {
  const failures = state.get(key);
  const index = failures?.lastIndexOf(time) ?? -1;
  if (!failures || index < 0) return state;
  const next = new Map(state);
  const rest = [...failures.slice(0, index), ...failures.slice(index + 1)];
  if (rest.length > 0) next.set(key, rest);
  else next.delete(key);
  return next;
}

/**
 * The sign-in rules (OWASP ASVS 5.0 V6.3.1, V6.1.1: brute force throttled without letting anyone lock
 * an owner out). Three counts of failures, each answering a different attack:
 * - per account and address (`perPair`): one address guessing one account is refused after a few
 *   failures. Only the guesser's own address is held back, so a stranger cannot lock the owner out.
 * - per address (`perAddress`): one address spraying many accounts is refused (the flood guard).
 * - per account across addresses (`accountSlowdown`): a distributed guess at one account is slowed,
 *   not refused. Past a free allowance of failures, an address that has already failed on the account
 *   must wait between tries, and the wait doubles with every further failure on the account from
 *   anywhere, up to a bound set by that address's own failures (`pairSlowdownCapMs`). An address with
 *   no failure on the account is never held back by this rule, so the owner signing in from their own
 *   address gets in with the right password during an attack, and one typo costs them a second.
 */
export interface SignInThrottleRules {
  perPair: ThrottleRule;
  perAddress: ThrottleRule;
  accountSlowdown: AccountSlowdownRule;
}

/** How failures on one account from many addresses slow each failing address. */
export interface AccountSlowdownRule {
  /** Failures on the account (from all addresses, within the window) before any wait. */
  freeFailures: number;
  /** The window over which the account's failures count. */
  windowMs: number;
  /** The wait at the first failure past the allowance; it doubles with each further one. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/** Failures per pair, per address and per account, each a sliding window. */
export interface SignInThrottleState {
  byPair: ThrottleState;
  byAddress: ThrottleState;
  byAccount: ThrottleState;
}

/** Who is trying: the account key (the email as typed, normalised) and the client address. */
export interface SignInAttempt {
  accountKey: string;
  address: string;
}

/** An empty throttle. */
export const emptySignInThrottle: SignInThrottleState = { byPair: new Map(), byAddress: new Map(), byAccount: new Map() };

function pairKey(attempt: SignInAttempt): string {
  return JSON.stringify([attempt.accountKey, attempt.address]);
}

/** The wait the account's failures impose on an address that has failed on it (0 under the allowance). */
export function accountSlowdownMs(accountFailures: number, rule: AccountSlowdownRule): number {
  if (accountFailures < rule.freeFailures) return 0;
  const doublings = Math.min(accountFailures - rule.freeFailures, 40);
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** doublings);
}

/**
 * The most the account's slowdown may make one address wait, set by that address's own failures on the
 * account: 1 s after one, then 4 s, 16 s, 64 s (the pair's own limit refuses it after five). So an
 * owner who mistypes once while strangers hammer the account waits a second, never the account's
 * 15 minutes, while every attacking address is still slowed with each of its own failures.
 */
export function pairSlowdownCapMs(pairFailures: number, rule: AccountSlowdownRule): number {
  if (pairFailures <= 0) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 4 ** Math.min(pairFailures - 1, 20));
}

/** Whether this address may try this account now, and if not, for how long it must wait. */
export function checkSignIn(state: SignInThrottleState, attempt: SignInAttempt, rules: SignInThrottleRules, now: number): ThrottleVerdict {
  const waits: number[] = [];
  for (const verdict of [
    checkThrottle(state.byPair, pairKey(attempt), rules.perPair, now),
    checkThrottle(state.byAddress, attempt.address, rules.perAddress, now),
  ]) {
    if (!verdict.allowed) waits.push(verdict.retryAfterMs);
  }
  const pairFailures = recentFailures(state.byPair, pairKey(attempt), rules.perPair, now);
  const lastPairFailure = pairFailures.at(-1);
  if (lastPairFailure !== undefined) {
    const accountFailures = recentFailures(state.byAccount, attempt.accountKey, rules.accountSlowdown, now).length;
    const wait = Math.min(
      accountSlowdownMs(accountFailures, rules.accountSlowdown),
      pairSlowdownCapMs(pairFailures.length, rules.accountSlowdown),
    );
    const readyAt = lastPairFailure + wait;
    if (readyAt > now) waits.push(readyAt - now);
  }
  return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(...waits) };
}

/**
 * The state after an attempt starts: it counts as a failure until it succeeds, so that many attempts
 * in flight at once (each waiting for the password hash) cannot slip past the limits together.
 */
export function recordSignInFailure(
  state: SignInThrottleState,
  attempt: SignInAttempt,
  rules: SignInThrottleRules,
  now: number,
): SignInThrottleState {
  return {
    byPair: recordFailure(state.byPair, pairKey(attempt), rules.perPair, now),
    byAddress: recordFailure(state.byAddress, attempt.address, rules.perAddress, now),
    byAccount: recordFailure(state.byAccount, attempt.accountKey, rules.accountSlowdown, now),
  };
}

/**
 * The state after the attempt that started at `startedAt` succeeded: it is no failure, and the pair's
 * failures are forgotten. The account's other failures stay (the owner signing in does not excuse the
 * guesses of others), and so do the address's (one user's success does not excuse others behind it).
 */
export function recordSignInSuccess(state: SignInThrottleState, attempt: SignInAttempt, startedAt: number): SignInThrottleState {
  return {
    byPair: clearFailures(state.byPair, pairKey(attempt)),
    byAddress: withdrawFailure(state.byAddress, attempt.address, startedAt),
    byAccount: withdrawFailure(state.byAccount, attempt.accountKey, startedAt),
  };
}

/** The state without keys whose failures have all left their windows (to bound memory). */
export function pruneSignInThrottle(state: SignInThrottleState, rules: SignInThrottleRules, now: number): SignInThrottleState {
  return {
    byPair: pruneThrottle(state.byPair, rules.perPair, now),
    byAddress: pruneThrottle(state.byAddress, rules.perAddress, now),
    byAccount: pruneThrottle(state.byAccount, rules.accountSlowdown, now),
  };
}
