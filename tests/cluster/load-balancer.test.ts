import { afterAll, describe, expect, it } from "vitest";
import { connectProvider, type ProviderClient } from "../support/collab-clients.js";
import { clusterUnavailableReason } from "../support/accord-cluster.js";
import { useCluster } from "../support/use-cluster.js";
import { AccordApi } from "../e2e/publish-via-api.js";

const unavailable = clusterUnavailableReason();

// Three built Accord processes on one PostgreSQL and one Redis behind haproxy (round-robin, no
// stickiness): the harness the other cluster tests build on, and what an operator's set-up looks like.
describe.skipIf(unavailable !== null)("three Accord processes behind haproxy", { timeout: 300_000 }, () => {
  const scene = useCluster();
  const clients: ProviderClient[] = [];
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it("balances requests round-robin over the three, each answering health", async () => {
    const { cluster } = scene;
    const answeredBy: string[] = [];
    for (let index = 0; index < 30; index++) {
      const response = await fetch(`${cluster.origin}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: expect.stringMatching(/^(ok|degraded)$/) as unknown });
      answeredBy.push(response.headers.get("x-accord-backend") ?? "none");
    }
    const counts = Object.fromEntries(cluster.nodes.map((node) => [node.name, answeredBy.filter((name) => name === node.name).length]));
    expect(counts).toEqual({ accord1: 10, accord2: 10, accord3: 10 });
  });

  it("keeps a session made through one process valid on every other", async () => {
    const { cluster } = scene;
    const api = new AccordApi(cluster.origin);
    const session = await api.login("officer@accord.test");
    const seenBy = new Set<string>();
    for (let index = 0; index < 6; index++) {
      const response = await fetch(`${cluster.origin}/api/auth/me`, { headers: { cookie: session.cookie, origin: cluster.origin } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { account: { email: string } }).account.email).toBe("officer@accord.test");
      seenBy.add(response.headers.get("x-accord-backend") ?? "none");
    }
    expect(seenBy.size).toBe(3);
  });

  it("passes WebSocket upgrades through, spread over the processes", async () => {
    const { cluster } = scene;
    const api = new AccordApi(cluster.origin);
    const session = await api.login("officer@accord.test");
    const { policies } = (await api.expect(session, "GET", "/api/policies", undefined)) as { policies: { id: string }[] };
    const policyId = policies[0]!.id;
    const before = await cluster.balancer.sessionTotals();
    for (let index = 0; index < 3; index++) clients.push(connectProvider(cluster.origin, policyId, session.cookie));
    await Promise.all(clients.map((client) => client.synced));
    expect(clients.every((client) => client.provider.wsconnected)).toBe(true);
    // Three upgrades in a row, round-robin: one socket on each process.
    const after = await cluster.balancer.sessionTotals();
    expect(cluster.nodes.map((node) => after[node.name]! - before[node.name]!)).toEqual([1, 1, 1]);
  });
});
