import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testRedisUrl } from "@accord/test-support/test-redis.js";
import { eventually } from "@accord/test-support/collab-clients.js";
import { connectRedis, type RedisConnections, type RedisStatus } from "./redis-connections.js";

const quietLog = { info: () => undefined, warn: () => undefined };

/** A port that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the Redis connections", () => {
  const opened: RedisConnections[] = [];
  afterEach(async () => {
    for (const connections of opened.splice(0)) await connections.close();
  });

  it("reports Redis down with the reason, and fails a command at once rather than queueing it", async () => {
    const redis = connectRedis(`redis://127.0.0.1:${await closedPort()}`, quietLog);
    opened.push(redis);
    await eventually(() => redis.status().reason?.startsWith("Redis is unreachable") === true, "the refused connection is reported");
    expect(redis.status().up).toBe(false);
    await expect(redis.commands.ping()).rejects.toThrow();
  });

  // Runs where a Redis is configured (TEST_REDIS_URL, as CI sets it).
  it.runIf(testRedisUrl())("is up against a running Redis, and says so to its listeners", async () => {
    const redis = connectRedis(testRedisUrl()!, quietLog);
    opened.push(redis);
    const seen: RedisStatus[] = [];
    redis.onStatusChange((status) => seen.push(status));
    await eventually(() => redis.status().up, "both connections are ready");
    expect(await redis.commands.ping()).toBe("PONG");
    expect(seen.at(-1)).toEqual({ up: true, reason: null });
  });
});
