import { Redis, type RedisOptions } from "ioredis";

/** Where the Redis connections write what happened (Fastify's pino logger fits). */
export interface RedisLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Whether Redis answers now, for /api/health and for the parts that fall back when it does not. */
export interface RedisStatus {
  up: boolean;
  /** Why it is down, in words for an operator; null while up. */
  reason: string | null;
}

/**
 * The two connections a process keeps to Redis: one for commands (counters, keys, PUBLISH) and one in
 * subscriber mode (a connection that has subscribed can run no other command). Redis only ever says
 * that something new exists or counts; PostgreSQL stays the source of truth, so losing Redis loses
 * nothing (see ARCHITECTURE.md, "Several processes").
 */
export interface RedisConnections {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Up when both connections are ready. */
  status(): RedisStatus;
  /** Called whenever the status changes (a relay catches up from the database when Redis returns). */
  onStatusChange(listener: (status: RedisStatus) => void): () => void;
  close(): Promise<void>;
}

/** Reconnection: quickly at first, then every 2 s, for ever (a Redis restart must not need an Accord one). */
const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000);

/**
 * Connects to `url`. Commands fail at once while Redis is down (no offline queue, one try), so that a
 * caller falls back (per-process counters, PostgreSQL relay) rather than waiting; the subscriber
 * resubscribes by itself when Redis returns.
 */
export function connectRedis(url: string, log: RedisLog, options: { connectionName?: string } = {}): RedisConnections {
  const shared: RedisOptions = {
    retryStrategy,
    connectTimeout: 2_000,
    lazyConnect: false,
    ...(options.connectionName ? { connectionName: options.connectionName } : {}),
  };
  const commands = new Redis(url, { ...shared, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const subscriber = new Redis(url, { ...shared, enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });
  const listeners = new Set<(status: RedisStatus) => void>();
  let lastError: string | null = null;
  let last: RedisStatus = { up: false, reason: "connecting to Redis" };
  let warnedOnce = false;

  const current = (): RedisStatus => {
    if (commands.status === "ready" && subscriber.status === "ready") return { up: true, reason: null };
    return { up: false, reason: lastError ? `Redis is unreachable (${lastError})` : "connecting to Redis" };
  };
  let closing = false;
  const update = () => {
    if (closing) return;
    const now = current();
    // Only a change between up and down is news; a new reason while down is not.
    if (now.up === last.up) return;
    last = now;
    if (now.up) log.info({}, "Redis is connected");
    else log.warn({ reason: now.reason }, "Redis is down; Accord goes on without it");
    warnedOnce = true;
    for (const listener of listeners) listener(now);
  };
  for (const connection of [commands, subscriber]) {
    connection.on("ready", update);
    connection.on("close", update);
    connection.on("end", update);
    // Without a listener ioredis prints every failed reconnection; the status says it once.
    connection.on("error", (error: Error) => {
      lastError = error.message;
      // Never connected yet: say so once, not at every retry.
      if (!warnedOnce && !last.up && !closing) {
        warnedOnce = true;
        log.warn({ reason: current().reason }, "Redis is down; Accord goes on without it");
      }
      update();
    });
  }

  return {
    commands,
    subscriber,
    status: current,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closing = true;
      listeners.clear();
      // QUIT only where connected: on a connection still retrying, it would wait in the offline queue for ever.
      await Promise.allSettled(
        [commands, subscriber].map((connection) => (connection.status === "ready" ? connection.quit() : Promise.resolve("OK"))),
      );
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
