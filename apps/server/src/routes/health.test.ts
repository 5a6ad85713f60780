import { createServer, type AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "@accord/test-support/collab-clients.js";
import { createTestDatabase, type TestDatabase } from "@accord/test-support/test-database.js";
import { TestClock, testOrigin } from "@accord/test-support/test-app.js";
import { testRedisKinds, testRedisUrl } from "@accord/test-support/test-redis.js";
import { buildApp } from "../app.js";
import { connectRedis, type RedisConnections } from "../cluster/redis-connections.js";
import { loadConfig } from "../config.js";

const quietLog = { info: () => undefined, warn: () => undefined };

/** A port that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("GET /api/health", () => {
  const databases: TestDatabase[] = [];
  const redises: RedisConnections[] = [];
  afterAll(async () => {
    for (const redis of redises) await redis.close();
    for (const database of databases) await database.close();
  });

  async function healthWith(redisKind: "none" | "reachable" | "unreachable") {
    const database = await createTestDatabase("pglite");
    databases.push(database);
    const config = loadConfig({ PUBLIC_ORIGIN: testOrigin, ACCORD_WEB_ROOT: "", LOG_LEVEL: "silent" });
    let redis: RedisConnections | undefined;
    if (redisKind !== "none") {
      redis = connectRedis(redisKind === "reachable" ? testRedisUrl()! : `redis://127.0.0.1:${await closedPort()}`, quietLog);
      redises.push(redis);
      const connected = redis;
      await eventually(
        () => (redisKind === "reachable" ? connected.status().up : connected.status().reason !== "connecting to Redis"),
        "Redis answered or refused",
      );
    }
    const app = await buildApp({
      config,
      db: database.db,
      now: new TestClock().now,
      logger: false,
      checkResponses: true,
      ...(redis ? { redis } : {}),
    });
    try {
      const response = await app.inject({ url: "/api/health" });
      return { status: response.statusCode, body: response.json<unknown>() };
    } finally {
      await app.close();
    }
  }

  it("answers 200 ok in one process without Redis (the stable contract)", async () => {
    expect(await healthWith("none")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it.each(testRedisKinds())("answers 200, ok or degraded with the reason, with Redis configured and %s", async (kind) => {
    const answer = await healthWith(kind);
    expect(answer.status).toBe(200);
    if (kind === "reachable") expect(answer.body).toEqual({ status: "ok" });
    else expect(answer.body).toEqual({ status: "degraded", reasons: [expect.stringMatching(/^Redis is unreachable/)] });
  });
});
