import {
  AccordError,
  checkThrottle,
  clearFailures,
  pruneThrottle,
  recordFailure,
  type ThrottleRule,
  type ThrottleState,
} from "@accord/domain";

/**
 * Holds the failed sign-in counts of this process, per account (the email as typed) and per client
 * address, over the pure throttle rules. In memory: a restart forgets them, which only ever favours the
 * real user; several server processes would each count separately (see ARCHITECTURE.md).
 */
export class LoginThrottleStore {
  private byAccount: ThrottleState = new Map();
  private byAddress: ThrottleState = new Map();
  private failuresSincePrune = 0;

  constructor(
    private readonly rules: { perAccount: ThrottleRule; perAddress: ThrottleRule },
    private readonly now: () => Date,
  ) {}

  /** Throws too_many_attempts when this account or this address must wait. */
  assertMayTry(accountKey: string, address: string): void {
    const now = this.now().getTime();
    const verdicts = [
      checkThrottle(this.byAccount, accountKey, this.rules.perAccount, now),
      checkThrottle(this.byAddress, address, this.rules.perAddress, now),
    ];
    const waits = verdicts.flatMap((verdict) => (verdict.allowed ? [] : [verdict.retryAfterMs]));
    if (waits.length > 0) {
      const retryAfterSeconds = Math.ceil(Math.max(...waits) / 1000);
      throw new AccordError(
        "too_many_attempts",
        `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`,
        { retryAfterSeconds },
      );
    }
  }

  recordFailure(accountKey: string, address: string): void {
    const now = this.now().getTime();
    this.byAccount = recordFailure(this.byAccount, accountKey, this.rules.perAccount, now);
    this.byAddress = recordFailure(this.byAddress, address, this.rules.perAddress, now);
    // Forget stale keys now and then, so a flood of random emails cannot grow memory without bound.
    if (++this.failuresSincePrune >= 1000) {
      this.failuresSincePrune = 0;
      this.byAccount = pruneThrottle(this.byAccount, this.rules.perAccount, now);
      this.byAddress = pruneThrottle(this.byAddress, this.rules.perAddress, now);
    }
  }

  /** A correct password clears the account's failures (not the address's: one user's success does not
   * excuse the guesses of others behind the same address). */
  recordSuccess(accountKey: string): void {
    this.byAccount = clearFailures(this.byAccount, accountKey);
  }
}
