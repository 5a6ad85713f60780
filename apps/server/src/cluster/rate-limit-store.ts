import type { FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Redis } from "ioredis";

/** What a store answers @fastify/rate-limit: requests so far in the window, and the window's time left. */
export interface RateLimitCount {
  current: number;
  ttl: number;
}

type Callback = (error: Error | null, result?: RateLimitCount) => void;

/** What the shared store needs of Redis: the command connection of `connectRedis`, and whether it is up. */
export interface RateLimitRedis {
  readonly commands: Pick<Redis, "eval">;
  status(): { up: boolean };
}

/** Counts a request in KEYS[1]'s fixed window of ARGV[1] ms: the count and the window's time left. */
const incrementScript = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}
`;

const readScript = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {current, ttl}
`;

/** The fixed windows of one process: the fallback while Redis is down. */
class LocalWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  increment(key: string, timeWindow: number, now: number): RateLimitCount {
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      // Forget ended windows now and then, so a flood of addresses cannot grow memory without bound.
      if (this.windows.size >= 5000) for (const [held, { endsAt }] of this.windows) if (endsAt <= now) this.windows.delete(held);
      window = { count: 0, endsAt: now + timeWindow };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  }

  read(key: string, now: number): RateLimitCount {
    const window = this.windows.get(key);
    return !window || window.endsAt <= now ? { current: 0, ttl: 0 } : { current: window.count, ttl: window.endsAt - now };
  }
}

/**
 * A store for @fastify/rate-limit (its `store` option) that counts each route's requests per key in
 * Redis, so that the limits hold across every process; while Redis is down, or a command fails, it
 * counts in this process instead: the limits then hold per process, never not at all. Fixed windows,
 * as the plugin's own stores count them.
 */
export function sharedRateLimitStore(
  redis: RateLimitRedis,
  options: { prefix?: string; now?: () => number } = {},
): FastifyRateLimitStoreCtor {
  const now = options.now ?? (() => Date.now());
  const local = new LocalWindows();
  const basePrefix = options.prefix ?? "accord:rate:";

  return class SharedRateLimitStore {
    constructor(
      _globalParams?: unknown,
      private readonly prefix: string = basePrefix,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      this.run(incrementScript, key, timeWindow, callback, () => local.increment(this.prefix + key, timeWindow, now()));
    }

    read(key: string, callback: Callback): void {
      this.run(readScript, key, 0, callback, () => local.read(this.prefix + key, now()));
    }

    child(routeOptions: object): SharedRateLimitStore {
      // The plugin passes the route's merged limit options, which name the route in routeInfo.
      const { routeInfo } = routeOptions as { routeInfo?: { method: string; url: string } };
      return new SharedRateLimitStore(undefined, `${this.prefix}${routeInfo?.method ?? ""}${routeInfo?.url ?? ""}:`);
    }

    private run(script: string, key: string, timeWindow: number, callback: Callback, fallback: () => RateLimitCount): void {
      if (!redis.status().up) {
        callback(null, fallback());
        return;
      }
      redis.commands.eval(script, 1, this.prefix + key, timeWindow).then(
        (answer) => {
          const [current, ttl] = answer as [number, number];
          callback(null, { current, ttl });
        },
        () => callback(null, fallback()),
      );
    }
  };
}
