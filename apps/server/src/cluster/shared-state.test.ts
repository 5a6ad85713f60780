import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "@accord/test-support/collab-clients.js";
import { TestClock, testOrigin } from "@accord/test-support/test-app.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { testRedisUrl } from "@accord/test-support/test-redis.js";
import { buildApp } from "../app.js";
import { InMemorySuggestionCheckBudget, RedisSuggestionCheckBudget } from "../collab/suggestion-check-budget.js";
import { loadConfig } from "../config.js";
import { RedisEventBus } from "../events/redis-event-bus.js";
import { connectRedis, type RedisConnections } from "./redis-connections.js";

const quietLog = { info: () => undefined, warn: () => undefined };

/** A port that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An address of its own per test, so that counters left in Redis by other runs never meet this one's. */
const freshAddress = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

const opened: RedisConnections[] = [];
async function redisAt(kind: "reachable" | "unreachable"): Promise<RedisConnections> {
  const url = kind === "reachable" ? testRedisUrl()! : `redis://127.0.0.1:${await closedPort()}`;
  const redis = connectRedis(url, quietLog);
  opened.push(redis);
  if (kind === "reachable") await eventually(() => redis.status().up, "Redis is connected");
  else await eventually(() => redis.status().reason?.startsWith("Redis is unreachable") === true, "Redis is reported down");
  return redis;
}

afterAll(async () => {
  for (const redis of opened.splice(0)) await redis.close();
});

describe.runIf(testRedisUrl())("events across processes, over a real Redis", () => {
  it("delivers an event published by one process to the other's subscribers once, and to its own once", async () => {
    const [redisA, redisB] = [await redisAt("reachable"), await redisAt("reachable")];
    const busA = new RedisEventBus(redisA, "process-a", quietLog);
    const busB = new RedisEventBus(redisB, "process-b", quietLog);
    await Promise.all([busA.start(), busB.start()]);
    const policyId = randomUUID();
    const heardA: string[] = [];
    const heardB: string[] = [];
    busA.subscribe("publication", (change) => change.policyId === policyId && heardA.push(change.policyId));
    busB.subscribe("publication", (change) => change.policyId === policyId && heardB.push(change.policyId));
    busB.subscribe("access", (change) => change.kind === "account" && change.userId === policyId && heardB.push("access"));

    busA.publish("publication", { policyId });
    // The publisher's own subscribers hear it before publish returns, as in one process.
    expect(heardA).toEqual([policyId]);
    await eventually(() => heardB.length === 1, "the other process hears the publication");
    busA.publish("access", { kind: "account", userId: policyId });
    await eventually(() => heardB.length === 2, "the other process hears the access change");
    // Its own message came back through Redis and was ignored: still once.
    expect(heardA).toEqual([policyId]);
    expect(heardB).toEqual([policyId, "access"]);
    await Promise.all([busA.stop(), busB.stop()]);
  });
});

describe("events while Redis is unreachable", () => {
  it("still delivers a process's own events to its own subscribers, and publish does not throw", async () => {
    const bus = new RedisEventBus(await redisAt("unreachable"), "alone", quietLog);
    void bus.start();
    const heard: string[] = [];
    bus.subscribe("comment", ({ threadId }) => heard.push(threadId));
    expect(() => bus.publish("comment", { policyId: "p", threadId: "t1" })).not.toThrow();
    expect(heard).toEqual(["t1"]);
  });
});

describe("the suggestion-check budget across processes", () => {
  const limits = { msPerSecond: 100, burstMs: 500 };

  it.runIf(testRedisUrl())("is one budget per account over a real Redis: spent on one process, refused on the other", async () => {
    const clock = new TestClock();
    const now = () => clock.now().getTime();
    const budgetOf = async () =>
      new RedisSuggestionCheckBudget(await redisAt("reachable"), limits, now, new InMemorySuggestionCheckBudget(limits, now));
    const [a, b] = [await budgetOf(), await budgetOf()];
    const account = randomUUID();
    expect(await b.allows(account)).toBe(true);
    await a.charge(account, 800);
    expect(await b.allows(account)).toBe(false);
    expect(await a.allows(account)).toBe(false);
    // 300 ms of debt refills at 100 per second: still refused after 2 s, allowed after 4 s.
    clock.advance(2_000);
    expect(await b.allows(account)).toBe(false);
    clock.advance(2_000);
    expect(await b.allows(account)).toBe(true);
  });

  it("falls back to this process's budget while Redis is unreachable, never to none", async () => {
    const clock = new TestClock();
    const now = () => clock.now().getTime();
    const budget = new RedisSuggestionCheckBudget(
      await redisAt("unreachable"),
      limits,
      now,
      new InMemorySuggestionCheckBudget(limits, now),
    );
    const account = randomUUID();
    expect(await budget.allows(account)).toBe(true);
    await budget.charge(account, 800);
    expect(await budget.allows(account)).toBe(false);
  });
});

describe.each(testDatabaseKinds())("two Accord processes over one %s database", (kind) => {
  // Several processes share PostgreSQL; the embedded database is one process, so on it only the fallbacks
  // apply and only they are registered (as the PostgreSQL half of the suite exists only where it is configured).
  const shared = Boolean(testRedisUrl()) && kind === "postgres";
  const itShared = shared ? it : () => undefined;
  let database: TestDatabase;
  const apps: FastifyInstance[] = [];
  const clock = new TestClock();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(() => database.close());

  async function twoProcesses(redisKind: "reachable" | "unreachable"): Promise<[FastifyInstance, FastifyInstance]> {
    const config = loadConfig({ PUBLIC_ORIGIN: testOrigin, ACCORD_WEB_ROOT: "", LOG_LEVEL: "silent", LOGIN_REQUESTS_PER_MINUTE: "6" });
    const build = async (processId: string) => {
      const app = await buildApp({ config, db: database.db, now: clock.now, logger: false, redis: await redisAt(redisKind), processId });
      await app.ready();
      apps.push(app);
      return app;
    };
    // Unique per run: process ids name Redis keys, which another test run on the same Redis must not share.
    const runTag = randomUUID().slice(0, 8);
    return [await build(`a-${runTag}`), await build(`b-${runTag}`)];
  }

  const failLogIn = (app: FastifyInstance, email: string, address: string) =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: address,
      headers: { origin: testOrigin },
      payload: { email, password: "not the password" },
    });

  itShared("throttles failed sign-ins spread over both as one account", async () => {
    const [a, b] = await twoProcesses("reachable");
    const email = `ghost-${randomUUID()}@accord.test`;
    const address = freshAddress();
    // Five failures allowed per account and address, over both processes together.
    for (const app of [a, b, a, b, a]) expect((await failLogIn(app, email, address)).statusCode).toBe(401);
    const refused = await failLogIn(b, email, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: "too_many_attempts" } });
    expect((await failLogIn(a, email, address)).statusCode).toBe(429);
  });

  itShared("counts one request limit over both processes", async () => {
    const [a, b] = await twoProcesses("reachable");
    const address = freshAddress();
    // Six sign-in requests a minute per address (each for another account, so the failure throttle stays out of it).
    for (const app of [a, b, a, b, a, b]) expect((await failLogIn(app, `ghost-${randomUUID()}@accord.test`, address)).statusCode).toBe(401);
    const refused = await failLogIn(a, `ghost-${randomUUID()}@accord.test`, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { message: expect.stringContaining("Too many sign-in attempts") } });
  });

  it("throttles and limits per process while Redis is unreachable, never not at all", async () => {
    const [a, b] = await twoProcesses("unreachable");
    const email = `ghost-${randomUUID()}@accord.test`;
    const address = freshAddress();
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await failLogIn(a, email, address)).statusCode).toBe(401);
    expect((await failLogIn(a, email, address)).statusCode).toBe(429);
    // The other process counted nothing of it: its own five, then refused.
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await failLogIn(b, email, address)).statusCode).toBe(401);
    expect((await failLogIn(b, email, address)).statusCode).toBe(429);

    const limited = freshAddress();
    for (let request = 0; request < 6; request += 1) await failLogIn(a, `ghost-${randomUUID()}@accord.test`, limited);
    const refused = await failLogIn(a, `ghost-${randomUUID()}@accord.test`, limited);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { message: expect.stringContaining("Too many sign-in attempts") } });
  });
});
