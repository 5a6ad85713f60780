import { afterAll, describe, expect, it } from "vitest";
import { clusterUnavailableReason } from "../support/accord-cluster.js";
import { openClusterSocket, signIn, type ClusterSocket } from "../support/cluster-clients.js";
import { useCluster } from "../support/use-cluster.js";

const unavailable = clusterUnavailableReason();

/**
 * "At once": far under the periodic re-check, which this cluster pushes out to an hour, so only the event
 * can close the sockets; generous, so that a busy machine does not fail it (speeds are the benchmarks').
 */
const atOnceMs = 30_000;

// Issue 14, item 7: a member removed through one process loses their sockets on the others at once (and
// signing out closes one's sockets everywhere too). The periodic re-check of each socket's rights is set
// to an hour here, so only the access event, carried across processes, can close them in time.
describe.skipIf(unavailable !== null)("access changes through one process close sockets on every process", { timeout: 300_000 }, () => {
  const scene = useCluster({ env: { COLLAB_RECHECK_SECONDS: "3600" } });
  const sockets: ClusterSocket[] = [];
  afterAll(() => {
    for (const { socket } of sockets) socket.terminate();
  });

  /** Three sockets of one person on the policy, one on each process (round-robin). */
  async function socketOnEachProcess(policyId: string, cookie: string): Promise<ClusterSocket[]> {
    const mine = [0, 1, 2].map(() => openClusterSocket(scene.cluster.origin, policyId, cookie));
    sockets.push(...mine);
    await Promise.all(mine.map((socket) => socket.opened));
    expect(new Set(await Promise.all(mine.map((socket) => socket.backend))).size).toBe(3);
    return mine;
  }

  it("closes a removed member's sockets on all three processes with 4403 at once", async () => {
    const { cluster } = scene;
    const facilitator = await signIn(cluster.origin, "facilitator@accord.test");
    const citizen = await signIn(cluster.origin, "citizen@accord.test");
    const policyId = await scene.demoPolicyId(facilitator);
    const members = await fetch(`${cluster.origin}/api/policies/${policyId}/members`, { headers: { cookie: facilitator } });
    const member = ((await members.json()) as { members: { userId: string; email: string }[] }).members.find(
      (candidate) => candidate.email === "citizen@accord.test",
    )!;
    const mine = await socketOnEachProcess(policyId, citizen);

    const removal = await fetch(`${cluster.origin}/api/policies/${policyId}/members/${member.userId}`, {
      method: "DELETE",
      headers: { cookie: facilitator, origin: cluster.origin },
    });
    expect(removal.status).toBe(204);
    const answeredAt = performance.now();
    const closes = await Promise.all(
      mine.map((socket) => Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))])),
    );
    for (const close of closes) {
      expect(close?.code).toBe(4403);
      expect(close!.at - answeredAt).toBeLessThan(atOnceMs);
    }
  });

  it("closes the sockets of someone who signs out through one process on all three with 4401 at once", async () => {
    const { cluster } = scene;
    const officer = await signIn(cluster.origin, "officer@accord.test");
    const policyId = await scene.demoPolicyId(officer);
    const mine = await socketOnEachProcess(policyId, officer);
    const signOut = await fetch(`${cluster.origin}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: officer, origin: cluster.origin },
    });
    expect(signOut.status).toBeLessThan(300);
    const answeredAt = performance.now();
    const closes = await Promise.all(
      mine.map((socket) => Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000))])),
    );
    for (const close of closes) {
      expect(close?.code).toBe(4401);
      expect(close!.at - answeredAt).toBeLessThan(atOnceMs);
    }
  });
});
