import {
  AccordError,
  checkSignIn,
  emptySignInThrottle,
  pruneSignInThrottle,
  recordSignInFailure,
  recordSignInSuccess,
  type SignInAttempt,
  type SignInThrottleRules,
  type SignInThrottleState,
} from "@accord/domain";

/** A sign-in attempt the throttle let through: a failure until it is reported a success. */
export interface ThrottledAttempt {
  /** The password was right: the attempt is no failure, and this address's failures on the account are forgotten. */
  succeeded(): Promise<void>;
}

/**
 * The sign-in throttle as the log-in use case sees it: a port, so that a deployment of several
 * processes can back it with a shared store (Redis) over the same pure rules. Asynchronous for that reason.
 */
export interface LoginThrottle {
  /**
   * Throws too_many_attempts when this address must wait before trying this account; otherwise counts
   * the attempt as a failure at once (so parallel guesses cannot slip past the limits together).
   */
  begin(attempt: SignInAttempt): Promise<ThrottledAttempt>;
}

/**
 * The sign-in throttle of one process, in memory, over the pure rules of @accord/domain. A restart
 * forgets the failures, which only ever favours the real user; several server processes would each
 * count separately (see ARCHITECTURE.md). Time is the injected clock.
 */
export class LoginThrottleStore implements LoginThrottle {
  private state: SignInThrottleState = emptySignInThrottle;
  private attemptsSincePrune = 0;

  constructor(
    private readonly rules: SignInThrottleRules,
    private readonly now: () => Date,
  ) {}

  async begin(attempt: SignInAttempt): Promise<ThrottledAttempt> {
    const startedAt = this.now().getTime();
    const verdict = checkSignIn(this.state, attempt, this.rules, startedAt);
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new AccordError("too_many_attempts", `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
    this.state = recordSignInFailure(this.state, attempt, this.rules, startedAt);
    // Forget stale keys now and then, so a flood of random emails cannot grow memory without bound.
    if (++this.attemptsSincePrune >= 1000) {
      this.attemptsSincePrune = 0;
      this.state = pruneSignInThrottle(this.state, this.rules, startedAt);
    }
    return {
      succeeded: async () => {
        this.state = recordSignInSuccess(this.state, attempt, startedAt);
      },
    };
  }
}
