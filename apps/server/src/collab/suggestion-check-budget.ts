import { TokenBucket } from "@accord/collab";

/**
 * How much server time each account may spend having its suggestions checked. Per account, not per
 * socket: one person's sockets share it, and a reconnect starts where the last socket left off. A port,
 * so that several server processes can later share one store (Redis) with the same two calls.
 */
export interface SuggestionCheckBudget {
  /** True while the account may start another check: it has budget left and no debt. */
  allows(accountId: string): Promise<boolean>;
  /** Charges the milliseconds a check took (refused or not); the account may go into debt by it. */
  charge(accountId: string, ms: number): Promise<void>;
}

/**
 * The budget in this process's memory: a token bucket per account, in milliseconds, refilled by the
 * injected clock. One process only (so is everything else in the collaboration server); a restart
 * forgets it, which errs toward the person typing.
 */
export class InMemorySuggestionCheckBudget implements SuggestionCheckBudget {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: { msPerSecond: number; burstMs: number },
    private readonly now: () => number,
  ) {}

  async allows(accountId: string): Promise<boolean> {
    return this.buckets.get(accountId)?.hasTokens(this.now()) ?? true;
  }

  async charge(accountId: string, ms: number): Promise<void> {
    const now = this.now();
    let bucket = this.buckets.get(accountId);
    if (!bucket) {
      // Forget accounts whose buckets have refilled, so the map holds only those checked lately.
      if (this.buckets.size >= 1000) for (const [id, held] of this.buckets) if (held.isFull(now)) this.buckets.delete(id);
      bucket = new TokenBucket(this.limits.burstMs, this.limits.msPerSecond, now);
      this.buckets.set(accountId, bucket);
    }
    bucket.spend(ms, now);
  }
}

/** What the shared budget needs of Redis: the command connection of `connectRedis`, and whether it is up. */
export interface BudgetRedis {
  readonly commands: { eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown> };
  status(): { up: boolean };
}

/**
 * One token bucket in a Redis hash (tokens, at), refilled to ARGV[2] (the burst) at ARGV[3] per second
 * by the time ARGV[1]; ARGV[4] is the charge (0 only reads). Answers 1 while tokens are left after it.
 * The key expires once the bucket would be full again, so idle accounts cost nothing.
 */
const bucketScript = `
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local charge = tonumber(ARGV[4])
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(held[1]) or burst
local at = tonumber(held[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
at = math.max(at, now)
if charge > 0 then
  tokens = tokens - charge
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
  redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
end
if tokens > 0 then return 1 end
return 0
`;

/**
 * The budget shared by every process: the same token bucket per account, in Redis, so one person's
 * sockets on several processes share one budget. While Redis is down (or a command fails) the
 * per-process `fallback` answers: the budget then holds per process, never not at all.
 */
export class RedisSuggestionCheckBudget implements SuggestionCheckBudget {
  constructor(
    private readonly redis: BudgetRedis,
    private readonly limits: { msPerSecond: number; burstMs: number },
    private readonly now: () => number,
    private readonly fallback: SuggestionCheckBudget,
  ) {}

  async allows(accountId: string): Promise<boolean> {
    const answer = await this.run(accountId, 0);
    return answer === null ? this.fallback.allows(accountId) : answer;
  }

  async charge(accountId: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    if ((await this.run(accountId, ms)) === null) await this.fallback.charge(accountId, ms);
  }

  /** The bucket's answer, or null when Redis cannot give one. */
  private async run(accountId: string, charge: number): Promise<boolean | null> {
    if (!this.redis.status().up) return null;
    try {
      const answer = await this.redis.commands.eval(
        bucketScript,
        1,
        `accord:suggestion-budget:${accountId}`,
        this.now(),
        this.limits.burstMs,
        this.limits.msPerSecond,
        charge,
      );
      return answer === 1;
    } catch {
      return null;
    }
  }
}
