import { afterAll, beforeAll } from "vitest";
import { startAccordCluster, type AccordCluster, type ClusterOptions } from "./accord-cluster.js";
import { connectClusterClient, signIn, type ClusterClient } from "./cluster-clients.js";

/** How long starting the cluster (a database, three processes, haproxy) may take on a busy machine. */
const clusterStartHookMs = 300_000;
/** Stopping it: SIGTERM each process (SIGKILL after 15 s), haproxy, then dropping the database. */
const clusterStopHookMs = 120_000;

/** A cluster for one `describe` block, started before its tests and stopped after them (`useCluster`). */
export interface ClusterScene {
  /** The running cluster (read it inside tests and hooks: it is set by the block's `beforeAll`). */
  readonly cluster: AccordCluster;
  /** Signs in each demo person by name (`officer` → officer@accord.test) through the load balancer; their cookies, in order. */
  signInAll(names: readonly string[]): Promise<string[]>;
  /** The id of the first policy `cookie`'s person sees (the demo's body-worn camera policy). */
  demoPolicyId(cookie: string): Promise<string>;
  /**
   * Connects `count` editors to the policy, taking the cookies round-robin (so with three processes behind
   * haproxy's round-robin, consecutive editors land on different processes); each is destroyed after the block.
   */
  connectEditors(count: number, policyId: string, cookies: readonly string[]): ClusterClient[];
  /** Destroys `client` after the block too, with the editors connected through the scene; returns it. */
  keep(client: ClusterClient): ClusterClient;
}

/**
 * Starts a cluster of Accord processes behind haproxy for the enclosing `describe` (its `beforeAll`), and
 * stops it and every client connected through the scene after the block, whatever the tests did. Options
 * that depend on something a hook registered earlier starts (a private Redis, an SMTP sink) are given as a
 * function, read when the cluster starts; hooks registered earlier run before and stop after the cluster.
 */
export function useCluster(options: ClusterOptions | (() => ClusterOptions) = {}): ClusterScene {
  let running: AccordCluster | undefined;
  const clients: ClusterClient[] = [];
  beforeAll(async () => {
    running = await startAccordCluster(typeof options === "function" ? options() : options);
  }, clusterStartHookMs);
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await running?.stop();
  }, clusterStopHookMs);

  const scene: ClusterScene = {
    get cluster() {
      if (!running) throw new Error("The cluster is not running: read `cluster` inside a test or hook of the block.");
      return running;
    },
    signInAll: (names) => Promise.all(names.map((name) => signIn(scene.cluster.origin, `${name}@accord.test`))),
    async demoPolicyId(cookie) {
      const response = await fetch(`${scene.cluster.origin}/api/policies`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`GET /api/policies answered ${response.status}.`);
      const [first] = ((await response.json()) as { policies: { id: string }[] }).policies;
      if (!first) throw new Error("The signed-in person sees no policy.");
      return first.id;
    },
    connectEditors(count, policyId, cookies) {
      const editors = Array.from({ length: count }, (_, index) =>
        connectClusterClient(scene.cluster.origin, policyId, cookies[index % cookies.length]!),
      );
      clients.push(...editors);
      return editors;
    },
    keep(client) {
      clients.push(client);
      return client;
    },
  };
  return scene;
}
