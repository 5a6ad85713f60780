import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { AccordError, checkSignIn, type SignInAttempt, type SignInThrottleRules, type SignInThrottleState } from "@accord/domain";
import type { LoginThrottle, ThrottledAttempt } from "./login-throttle-store.js";

/** Where the throttle writes what went wrong (Fastify's pino logger fits). */
export interface ThrottleLog {
  warn(details: object, message: string): void;
}

/** What the throttle needs of Redis: the command connection of `connectRedis`, and whether it is up. */
export interface ThrottleRedis {
  readonly commands: Pick<Redis, "eval">;
  status(): { up: boolean };
}

/**
 * Atomically, for each key (KEYS[i], window ARGV[2 + i] ms): forgets failures outside the window,
 * reads the failures before this attempt, then counts this attempt (ARGV[1] is its member, scored by
 * the time ARGV[2]) and lets the key expire with its window. Returns the prior failure times per key.
 */
const beginScript = `
local member = ARGV[1]
local now = tonumber(ARGV[2])
local result = {}
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[2 + i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  result[i] = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
end
return result
`;

/** Withdraws an attempt: ARGV[1] is its member. KEYS[1] (the pair) is cleared, the others lose the member. */
const withdrawScript = `
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

/** Only this attempt is withdrawn (it was refused): from every key. */
const refuseScript = `
for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

/** Keys name a hash of who is trying, so Redis holds no e-mail address or client address in clear. */
function keyOf(kind: string, ...parts: string[]): string {
  return `accord:signin:${kind}:${createHash("sha256").update(JSON.stringify(parts)).digest("base64url")}`;
}

/**
 * The sign-in throttle shared by every process, over the same pure rules of @accord/domain as the
 * per-process store: the failures of each key (pair, address, account) are a sorted set in Redis
 * (time → attempt), and one script reads them and counts the new attempt at once, so parallel attempts
 * on several processes each see the ones before them. A refused attempt is withdrawn again; a success
 * clears the pair and withdraws itself from the address and the account, as `recordSignInSuccess` does.
 *
 * While Redis is down (or a command fails) the per-process `fallback` throttles instead: limits then
 * hold per process, never none.
 */
export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: ThrottleRedis,
    private readonly rules: SignInThrottleRules,
    private readonly now: () => Date,
    private readonly fallback: LoginThrottle,
    private readonly log: ThrottleLog,
  ) {}

  async begin(attempt: SignInAttempt): Promise<ThrottledAttempt> {
    if (!this.redis.status().up) return this.fallback.begin(attempt);
    const startedAt = this.now().getTime();
    const member = `${startedAt}:${randomUUID()}`;
    const keys = [
      keyOf("pair", attempt.accountKey, attempt.address),
      keyOf("address", attempt.address),
      keyOf("account", attempt.accountKey),
    ];
    let prior: string[][];
    try {
      prior = (await this.redis.commands.eval(
        beginScript,
        keys.length,
        ...keys,
        member,
        startedAt,
        this.rules.perPair.windowMs,
        this.rules.perAddress.windowMs,
        this.rules.accountSlowdown.windowMs,
      )) as string[][];
    } catch (error) {
      this.log.warn({ err: error }, "Redis is down: sign-in failures are counted by this process alone");
      return this.fallback.begin(attempt);
    }
    const [pair = [], address = [], account = []] = prior.map(timesOf);
    // The state holds only the three keys this attempt concerns, under the names the pure rules use.
    const state: SignInThrottleState = {
      byPair: new Map([[JSON.stringify([attempt.accountKey, attempt.address]), pair]]),
      byAddress: new Map([[attempt.address, address]]),
      byAccount: new Map([[attempt.accountKey, account]]),
    };
    const verdict = checkSignIn(state, attempt, this.rules, startedAt);
    if (!verdict.allowed) {
      await this.redis.commands.eval(refuseScript, keys.length, ...keys, member).catch(() => undefined);
      const retryAfterSeconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new AccordError("too_many_attempts", `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
    return {
      succeeded: async () => {
        await this.redis.commands.eval(withdrawScript, keys.length, ...keys, member).catch((error: unknown) => {
          // The attempt stays counted as a failure until its window ends: errs toward caution.
          this.log.warn({ err: error }, "could not withdraw a successful sign-in from the shared throttle");
        });
      },
    };
  }
}

/** ZRANGE … WITHSCORES answers member, score, member, score…; the rules want the times, oldest first. */
function timesOf(flat: string[]): number[] {
  const times: number[] = [];
  for (let index = 1; index < flat.length; index += 2) times.push(Number(flat[index]));
  return times;
}
