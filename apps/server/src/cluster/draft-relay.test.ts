import { randomUUID } from "node:crypto";
import { createServer, Socket, type AddressInfo, type Server } from "node:net";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendParagraph,
  appendRuns,
  connectProvider,
  draftText,
  eventually,
  type ProviderClient,
} from "@accord/test-support/collab-clients.js";
import { createPolicyWithWorkingGroup } from "@accord/test-support/suggestion-scene.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { testRedisUrl } from "@accord/test-support/test-redis.js";
import { TestClock, testOrigin, type TestAccord } from "@accord/test-support/test-app.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { demoPassword, seedDemoData } from "../seed/demo-data.js";
import { findDraftState } from "../storage/drafts.js";
import { Redis } from "ioredis";
import { decodeDraftRelayMessage, draftChannel, type DraftRelayMessage } from "./draft-relay-messages.js";
import { connectRedis, type RedisConnections } from "./redis-connections.js";

const quietLog = { info: () => undefined, warn: () => undefined };

/**
 * A TCP proxy in front of the test Redis that a test can cut (every connection dropped, new ones
 * refused) and restore: Redis "stops" for this process only, never for the other engineers' tests.
 */
async function cuttableProxy(target: URL): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  let open = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target.toString());
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    cut: () => {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      open = true;
    },
    close: async () => {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One Accord process of the pair: its app, its origin, its Redis and the proxy to cut. */
interface Process {
  app: FastifyInstance;
  origin: string;
  redis: RedisConnections;
  proxy: Awaited<ReturnType<typeof cuttableProxy>>;
}

// Two apps in one test process over one PostgreSQL database and one Redis: what several processes are.
describe.runIf(testRedisUrl() && testDatabaseKinds().includes("postgres"))("drafts across two processes", () => {
  let database: TestDatabase;
  const processes: Process[] = [];
  // Process ids name Redis keys (each process's heartbeat): unique per run, so that another test run on
  // the same Redis, with its own "a" and "b", neither refreshes nor deletes this run's heartbeats.
  const runTag = randomUUID().slice(0, 8);
  const processIdOf = (name: string) => `${name}-${runTag}`;
  const clients: ProviderClient[] = [];
  let policyId = "";
  const cookies: Record<string, string> = {};

  async function startProcess(name: string, databaseUrl: string): Promise<Process> {
    const proxy = await cuttableProxy(new URL(testRedisUrl()!));
    const redis = connectRedis(proxy.url, quietLog, { connectionName: `accord-test-${name}` });
    const config = loadConfig({
      PUBLIC_ORIGIN: testOrigin,
      ACCORD_WEB_ROOT: "",
      LOG_LEVEL: "silent",
      LOGIN_REQUESTS_PER_MINUTE: "10000",
      DATABASE_URL: databaseUrl,
      REDIS_URL: proxy.url,
    });
    const clock = new TestClock();
    const app = await buildApp({
      config,
      db: database.db,
      now: clock.now,
      logger: false,
      checkResponses: true,
      redis,
      processId: processIdOf(name),
    });
    await app.ready();
    const origin = await app.listen({ port: 0, host: "127.0.0.1" });
    await eventually(() => redis.status().up, `process ${name} reaches Redis`);
    return { app, origin, redis, proxy };
  }

  const logIn = async (process: Process, email: string) => {
    const response = await process.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: demoPassword },
      headers: { origin: testOrigin },
    });
    const cookie = response.cookies.find((candidate) => candidate.name === "accord_session");
    if (!cookie) throw new Error(`Sign-in as ${email} failed: ${response.statusCode}`);
    return `${cookie.name}=${cookie.value}`;
  };

  const connect = (process: Process, who: string) => {
    const client = connectProvider(process.origin, policyId, cookies[who]!);
    clients.push(client);
    return client;
  };

  const stored = async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await findDraftState(database.db, policyId))!);
    return draftText(doc);
  };

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    await seedDemoData(database.db, new Date("2026-11-27T12:00:00.000Z"));
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    for (const name of ["a", "b"]) processes.push(await startProcess(name, url.toString()));
    for (const who of ["officer", "citizen", "facilitator"]) cookies[who] = await logIn(processes[0]!, `${who}@accord.test`);
    policyId = (await database.db.selectFrom("policies").select("id").where("slug", "=", "body-worn-cameras").executeTakeFirstOrThrow()).id;
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const { app, redis, proxy } of processes) {
      await app.close();
      await redis.close();
      await proxy.close();
    }
    await database?.close();
  }, 60_000);

  it("brings clients on both processes to one document, the stored one, also for a client that comes later", async () => {
    const [a, b] = processes as [Process, Process];
    const group = [connect(a, "officer"), connect(a, "citizen"), connect(b, "officer"), connect(b, "citizen")];
    await Promise.all(group.map((client) => client.synced));
    for (let round = 0; round < 5; round++) group.forEach((client, index) => appendParagraph(client.doc, `spread ${round}-${index}`));
    await eventually(
      () => group.every((client) => (draftText(client.doc).match(/spread \d-\d/g) ?? []).length === 20),
      "every client has every edit",
    );
    const reference = draftText(group[0]!.doc);
    for (const client of group) expect(draftText(client.doc)).toBe(reference);
    await eventually(
      () => a.app.collabRegistry.peek(policyId)?.inFlight.size === 0 && b.app.collabRegistry.peek(policyId)?.inFlight.size === 0,
      "writes landed",
    );
    expect(await stored()).toBe(reference);

    const late = connect(b, "citizen");
    await late.synced;
    await eventually(() => draftText(late.doc) === reference, "a later client gets exactly the stored draft");
    // Both processes' documents hold the same committed sequence.
    expect(a.app.collabRegistry.peek(policyId)?.appliedSeq).toBe(b.app.collabRegistry.peek(policyId)?.appliedSeq);
  }, 60_000);

  it("goes on while one process loses Redis (degraded health, PostgreSQL relays), and misses nothing when it returns", async () => {
    const [a, b] = processes as [Process, Process];
    const onA = connect(a, "officer");
    const onB = connect(b, "citizen");
    await Promise.all([onA.synced, onB.synced]);
    expect((await b.app.inject({ url: "/api/health" })).json()).toEqual({ status: "ok" });

    b.proxy.cut();
    await eventually(() => !b.redis.status().up, "process b sees Redis down");
    const health = (await b.app.inject({ url: "/api/health" })).json<{ status: string; reasons: string[] }>();
    expect(health.status).toBe("degraded");
    expect(health.reasons[0]).toMatch(/Redis/);

    for (let index = 0; index < 5; index++) {
      appendParagraph(onA.doc, `while down from a ${index}`);
      appendParagraph(onB.doc, `while down from b ${index}`);
    }
    const all = (client: ProviderClient) => (draftText(client.doc).match(/while down from [ab] \d/g) ?? []).length === 10;
    await eventually(() => all(onA) && all(onB), "both sides get every edit while Redis is down for one of them");

    b.proxy.restore();
    await eventually(() => b.redis.status().up, "process b reaches Redis again", 15_000);
    appendParagraph(onA.doc, "after the return");
    await eventually(() => draftText(onB.doc).includes("after the return"), "relayed again");
    expect(draftText(onB.doc)).toBe(draftText(onA.doc));
    expect((await b.app.inject({ url: "/api/health" })).json()).toEqual({ status: "ok" });
  }, 60_000);

  it("shows presence across processes, and drops a dead process's presence within its heartbeat's 10 s", async () => {
    const [a, b] = processes as [Process, Process];
    const onA = connect(a, "officer");
    const onB = connect(b, "citizen");
    await Promise.all([onA.synced, onB.synced]);
    onA.provider.awareness.setLocalStateField("user", { name: "on a" });
    await eventually(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user !== undefined, "b's client sees a's presence");

    // Process a stops answering Redis for good, as a killed process would: no goodbye, no heartbeat.
    a.proxy.cut();
    const cutAt = Date.now();
    await eventually(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), "a's presence is gone from b", 15_000);
    expect(Date.now() - cutAt).toBeLessThan(14_000);
    a.proxy.restore();
    await eventually(() => a.redis.status().up, "process a reaches Redis again", 15_000);
  }, 60_000);

  it("decides a suggestion once when editors on two processes accept it at the same moment: one 200, one 404, one record", async () => {
    const [a, b] = processes as [Process, Process];
    const requester = (process: Process) =>
      ({
        request: ({ cookie, ...rest }: { cookie?: string; method?: string; url: string; payload?: unknown }) =>
          process.app.inject({ ...rest, headers: { origin: testOrigin, ...(cookie ? { cookie } : {}) } } as never),
      }) as unknown as TestAccord;
    const scene = await createPolicyWithWorkingGroup(requester(a), cookies.facilitator!, "Accepted Across Processes");
    const editor = connectProvider(a.origin, scene.policyId, cookies.officer!);
    clients.push(editor);
    await editor.synced;
    const mark = { insertion: { id: "i-cit", author: scene.userIds.citizen, affiliation: "citizen", time: "2026-11-26T10:00:00.000Z" } };
    appendRuns(editor.doc, [["Officers keep a log. "], ["Each entry is signed.", mark]]);
    const watcher = connectProvider(b.origin, scene.policyId, cookies.citizen!);
    clients.push(watcher);
    await eventually(() => draftText(watcher.doc).includes("Each entry is signed."), "the suggestion reached process b");

    const decide = (process: Process) =>
      requester(process).request({
        method: "POST",
        url: `/api/policies/${scene.policyId}/suggestions/decisions`,
        cookie: cookies.officer,
        payload: { decision: "accept", suggestionIds: ["i-cit"] },
      });
    const responses = await Promise.all([decide(a), decide(b)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 404]);
    const decisions = await database.db.selectFrom("suggestion_decisions").selectAll().where("policy_id", "=", scene.policyId).execute();
    expect(decisions).toHaveLength(1);
  }, 60_000);

  it("publishes one message per commit, and presence at most ten times a second per draft, the last state included", async () => {
    const [a, b] = processes as [Process, Process];
    const listener = new Redis(testRedisUrl()!);
    const heard: DraftRelayMessage[] = [];
    listener.on("messageBuffer", (_channel: Buffer, message: Buffer) => {
      const decoded = decodeDraftRelayMessage(message);
      if (decoded) heard.push(decoded);
    });
    await listener.subscribe(draftChannel(policyId));
    try {
      const onA = connect(a, "officer");
      const onB = connect(b, "citizen");
      await Promise.all([onA.synced, onB.synced]);
      heard.length = 0;
      const seqBefore = a.app.collabRegistry.peek(policyId)!.appliedSeq;
      for (let index = 0; index < 5; index++) appendParagraph(onA.doc, `counted ${index}`);
      await eventually(() => (draftText(onB.doc).match(/counted \d/g) ?? []).length === 5, "b's client has a's edits");
      const updates = heard.filter((message) => message.kind === "update" && message.processId === processIdOf("a"));
      expect(updates.length).toBe(a.app.collabRegistry.peek(policyId)!.appliedSeq - seqBefore);

      heard.length = 0;
      const startedAt = Date.now();
      for (let index = 0; index < 100; index++) onA.provider.awareness.setLocalStateField("cursor", index);
      await eventually(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.cursor === 99, "b's client has a's last cursor");
      const elapsedSeconds = (Date.now() - startedAt) / 1000;
      const presence = heard.filter((message) => message.kind === "awareness" && message.processId === processIdOf("a"));
      expect(presence.length).toBeGreaterThan(0);
      expect(presence.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds * 10) + 1);
    } finally {
      listener.disconnect();
    }
  }, 60_000);

  it("keeps the presence of a client that moved from a dead process to a live one, past the dead one's heartbeat", async () => {
    const [a, b] = processes as [Process, Process];
    // Origin: the public one, which every process accepts (as behind the load balancer).
    const moving = connectProvider(a.origin, policyId, cookies.officer!, { originHeader: testOrigin });
    clients.push(moving);
    const watcher = connect(b, "citizen");
    await Promise.all([moving.synced, watcher.synced]);
    const cursorSeen = (value: string) => () => watcher.provider.awareness.getStates().get(moving.doc.clientID)?.cursor === value;
    moving.provider.awareness.setLocalStateField("cursor", "on a");
    await eventually(cursorSeen("on a"), "b's client sees the cursor set through a");

    // Process a dies for the others (no Redis, no heartbeat); its client reconnects to b, as through haproxy.
    a.proxy.cut();
    moving.provider.disconnect();
    moving.provider.serverUrl = `${b.origin.replace(/^http/, "ws")}/collab`;
    moving.provider.connect();
    await eventually(() => moving.provider.wsconnected && moving.provider.synced, "the client is back, on b");
    moving.provider.awareness.setLocalStateField("cursor", "on b");
    await eventually(cursorSeen("on b"), "its presence is taken over on b at once", 2_000);

    // Once a's heartbeat has expired and b dropped a's presence, the moved client's stays.
    const document = b.app.collabRegistry.peek(policyId)!;
    await eventually(() => !document.remoteProcesses().has(processIdOf("a")), "b drops the dead process's presence", 15_000);
    expect(cursorSeen("on b")()).toBe(true);
    a.proxy.restore();
    await eventually(() => a.redis.status().up, "process a reaches Redis again", 15_000);
  }, 60_000);
});
