import { describe, expect, it } from "vitest";
import { clusterUnavailableReason } from "../support/accord-cluster.js";
import { signIn } from "../support/cluster-clients.js";
import { useCluster } from "../support/use-cluster.js";

const unavailable = clusterUnavailableReason();

// Issue 14, item 7: failed logins spread over the three processes are throttled as one account (the
// counters are in Redis, not in each process's memory).
describe.skipIf(unavailable !== null)("failed sign-ins spread over three processes", { timeout: 300_000 }, () => {
  const scene = useCluster();

  const attempt = async (email: string, password: string) => {
    const { cluster } = scene;
    const response = await fetch(`${cluster.origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: cluster.origin },
      body: JSON.stringify({ email, password }),
    });
    return { status: response.status, backend: response.headers.get("x-accord-backend") ?? "none" };
  };

  it("are counted as one: past five failures the account is refused on every process", async () => {
    const { cluster } = scene;
    // An account of this test's own, so that no other test's counters (Redis is shared) touch it.
    const facilitator = await signIn(cluster.origin, "facilitator@accord.test");
    const email = `throttle-${Date.now()}-${Math.floor(Math.random() * 1e6)}@accord.test`;
    const created = await fetch(`${cluster.origin}/api/accounts`, {
      method: "POST",
      headers: { cookie: facilitator, origin: cluster.origin, "content-type": "application/json" },
      body: JSON.stringify({ email, displayName: "Throttled Person", password: "a-long-enough-password" }),
    });
    expect(created.status).toBe(201);

    // Five failures (LOGIN_MAX_FAILURES_PER_ACCOUNT), round-robin: under two on each process.
    const failures = [];
    for (let index = 0; index < 5; index++) failures.push(await attempt(email, "not the password"));
    expect(failures.map((failure) => failure.status)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(failures.map((failure) => failure.backend)).size).toBe(3);

    // Now every process refuses, even the right password (the throttle answers before checking it).
    const after = [];
    for (let index = 0; index < 3; index++) after.push(await attempt(email, "a-long-enough-password"));
    expect(after.map((answer) => answer.status)).toEqual([429, 429, 429]);
    expect(new Set(after.map((answer) => answer.backend)).size).toBe(3);
  });
});
