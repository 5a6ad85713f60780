import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterUnavailableReason,
  startAccordCluster,
  startPrivateRedis,
  waitFor,
  type AccordCluster,
  type PrivateRedis,
} from "../support/accord-cluster.js";
import {
  appendParagraph,
  connectClusterClient,
  paragraphsOf,
  signIn,
  storedDraft,
  type ClusterClient,
} from "../support/cluster-clients.js";

const redisServerInstalled = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
const unavailable = clusterUnavailableReason() ?? (redisServerInstalled ? null : "redis-server is not installed");

/** How long Redis stays away (issue 14, item 7). */
const outageMs = 20_000;

// Issue 14, item 7: Redis stopped for 20 s under load, then started: nothing lost, clients converge.
// The cluster runs on a Redis of the test's own: the machine's is shared with others and stays up.
describe.skipIf(unavailable !== null)("Redis stopped for 20 s while three processes serve editors", { timeout: 300_000 }, () => {
  let redis: PrivateRedis | undefined;
  let cluster: AccordCluster | undefined;
  const clients: ClusterClient[] = [];
  beforeAll(async () => {
    redis = await startPrivateRedis();
    cluster = await startAccordCluster({ redisUrl: redis.url });
  }, 300_000);
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster?.stop();
    await redis?.stop();
  }, 120_000);

  it("goes on committing and relaying, reports degraded health, and loses nothing", async () => {
    const { origin, database } = cluster!;
    const cookies = await Promise.all(["officer", "citizen", "prosecutor"].map((name) => signIn(origin, `${name}@accord.test`)));
    const policies = await fetch(`${origin}/api/policies`, { headers: { cookie: cookies[0]! } });
    const policyId = ((await policies.json()) as { policies: { id: string }[] }).policies[0]!.id;
    for (let index = 0; index < 6; index++) clients.push(connectClusterClient(origin, policyId, cookies[index % 3]!));
    await Promise.all(clients.map((client) => client.synced));
    expect(new Set(clients.map((client) => client.backend())).size).toBe(3);

    const written: string[] = [];
    let phase: "before" | "outage" | "after" = "before";
    let typing = true;
    const typists = clients.map(async (client, clientIndex) => {
      for (let index = 0; typing; index++) {
        const text = `redis-${phase} c${clientIndex} #${index}`;
        appendParagraph(client.doc, text);
        written.push(text);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const holdsAll = (texts: string[], among: string[]) => {
      const paragraphs = new Set(texts);
      return among.every((text) => paragraphs.has(text));
    };
    await waitFor(() => written.length > 60, "the editors type");

    await redis!.stop();
    phase = "outage";
    const stoppedAt = performance.now();
    // Every process says it runs without Redis (still 200, so haproxy keeps sending to it).
    for (const node of cluster!.nodes) {
      await waitFor(async () => {
        const response = await fetch(`${node.origin}/api/health`);
        const body = (await response.json()) as { status: string; reasons?: string[] };
        // Degraded, with the reason in words for an operator (Redis named in it).
        return response.status === 200 && body.status === "degraded" && (body.reasons ?? []).some((reason) => /redis/i.test(reason));
      }, `${node.name} reports degraded health while Redis is down`);
    }
    // Edits typed during the outage still reach every editor (through PostgreSQL).
    const duringOutage = () => written.filter((text) => text.startsWith("redis-outage"));
    await waitFor(() => duringOutage().length > 60, "the editors type during the outage");
    const someOfTheOutage = duringOutage();
    await waitFor(
      () => clients.every((client) => holdsAll(paragraphsOf(client.doc), someOfTheOutage)),
      "edits typed while Redis is down reach every editor",
    );
    await waitFor(() => performance.now() - stoppedAt >= outageMs, "Redis has been down for 20 s");

    await redis!.start();
    phase = "after";
    for (const node of cluster!.nodes) {
      await waitFor(async () => {
        const body = (await (await fetch(`${node.origin}/api/health`)).json()) as { status: string };
        return body.status === "ok";
      }, `${node.name} reports ok once Redis is back`);
    }
    await waitFor(() => written.filter((text) => text.startsWith("redis-after")).length > 60, "the editors type after the outage");
    typing = false;
    await Promise.all(typists);

    await waitFor(() => clients.every((client) => holdsAll(paragraphsOf(client.doc), written)), "every editor holds every edit");
    await waitFor(async () => holdsAll(paragraphsOf(await storedDraft(database.pool, policyId)), written), "PostgreSQL holds every edit");
    const reference = paragraphsOf(clients[0]!.doc);
    for (const client of clients) expect(paragraphsOf(client.doc)).toEqual(reference);
    expect(paragraphsOf(await storedDraft(database.pool, policyId))).toEqual(reference);
    for (const text of written) expect(reference.filter((paragraph) => paragraph === text)).toHaveLength(1);
  });
});
