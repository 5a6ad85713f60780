import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as Y from "yjs";
import {
  createClusterDatabase,
  freePort,
  startAccordCluster,
  startLoadBalancer,
  startPrivateRedis,
  waitFor,
  type ClusterDatabase,
  type LoadBalancer,
  type PrivateRedis,
} from "../../tests/support/accord-cluster.js";
import { connectProvider } from "../../tests/support/collab-clients.js";
import { createPolicy, facilitator, logIn, storedParagraphs } from "../collab/accord-api.js";
import { paragraphTexts } from "../collab/load.js";
import { registerCleanup, repositoryRoot } from "../collab/processes.js";

/** One client of the load: a Yjs document kept in sync by the system's own provider. */
export interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

/** Three server processes behind haproxy, on one database and one Redis of their own. */
export interface ClusterUnderTest {
  label: string;
  /** haproxy's origin: every client connects there. */
  origin: string;
  balancer: LoadBalancer;
  redis: PrivateRedis;
  /** haproxy's names of the processes, in order. */
  names: string[];
  /** The pids of the processes running now. */
  pids(): number[];
  /** The pids of the PostgreSQL backends serving its database now (same machine: their CPU counts too). */
  databasePids(): Promise<number[]>;
  /** SIGKILL of process `index`; resolves once it is gone. */
  kill(index: number): Promise<void>;
  /** Starts process `index` again and waits until haproxy sees it up. */
  restart(index: number): Promise<void>;
  newDocument(title: string): Promise<string>;
  connect(document: string): BenchClient;
  /** The paragraphs of the document as stored in PostgreSQL now. */
  storedParagraphs(document: string): Promise<string[]>;
  stop(): Promise<void>;
}

const requireFromSupport = createRequire(path.join(repositoryRoot, "tests/support/package.json"));

/** Accord's own cluster harness (tests/support/accord-cluster.ts) on a private Redis; y-websocket clients. */
export async function startAccord(): Promise<ClusterUnderTest> {
  const redis = await startPrivateRedis();
  const cluster = await startAccordCluster({
    redisUrl: redis.url,
    env: {
      ACCORD_WEB_ROOT: "",
      // The limits must never be what the benchmark measures.
      LOGIN_REQUESTS_PER_MINUTE: "100000",
      COLLAB_MESSAGES_PER_SECOND: "100000",
    },
  }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  const unregister = registerCleanup(
    () => cluster.stop(),
    () => cluster.nodes.forEach((node) => node.running() && node.child().kill("SIGKILL")),
  );
  const cookie = await logIn(cluster.origin, facilitator.email, facilitator.password);
  return {
    label: "Accord",
    origin: cluster.origin,
    balancer: cluster.balancer,
    redis,
    names: cluster.nodes.map((node) => node.name),
    pids: () => cluster.nodes.filter((node) => node.running()).map((node) => node.child().pid ?? -1),
    databasePids: () => backendPids(cluster.database.pool, cluster.database.url),
    kill: (index) => cluster.nodes[index]!.kill(),
    async restart(index) {
      await cluster.nodes[index]!.start();
      await cluster.waitForStates("UP");
    },
    newDocument: (title) => createPolicy(cluster.origin, cookie, title),
    connect: (document) => connectProvider(cluster.origin, document, cookie),
    storedParagraphs: (document) => storedParagraphs(cluster.origin, cookie, document),
    async stop() {
      unregister();
      await cluster.stop();
      await redis.stop();
    },
  };
}

/** One Hocuspocus process (bench/cluster/hocuspocus-server.ts), started on a fixed port. */
function hocuspocusNode(port: number, env: NodeJS.ProcessEnv) {
  let child: ChildProcess | null = null;
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const gone = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => process.once("exit", () => resolve()));
  return {
    port,
    running,
    pid: () => child?.pid ?? -1,
    async start() {
      const started = spawn(process.execPath, ["--import", "tsx", path.join(repositoryRoot, "bench/cluster/hocuspocus-server.ts")], {
        cwd: repositoryRoot,
        env: { ...process.env, ...env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      let printed = "";
      const keep = (chunk: Buffer) => {
        printed = (printed + chunk.toString()).slice(-16_000);
      };
      started.stdout.on("data", keep);
      started.stderr.on("data", keep);
      await waitFor(() => {
        if (started.exitCode !== null) throw new Error(`a Hocuspocus process exited (${started.exitCode}):\n${printed}`);
        return printed.includes("hocuspocus listening");
      }, `Hocuspocus on port ${port} listens`);
    },
    async kill() {
      if (!child || !running()) return;
      const exit = gone(child);
      child.kill("SIGKILL");
      await exit;
    },
    async stop() {
      if (!child || !running()) return;
      const exit = gone(child);
      child.kill("SIGTERM");
      const timer = setTimeout(() => child?.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Three Hocuspocus processes with its Redis and Database extensions, behind the same haproxy configuration. */
export async function startHocuspocus(): Promise<ClusterUnderTest> {
  const redis = await startPrivateRedis();
  const database = await createClusterDatabase();
  const folder = await mkdtemp(path.join(tmpdir(), "hocuspocus-cluster-"));
  const env = { REDIS_URL: redis.url, DATABASE_URL: database.url };
  const nodes = [hocuspocusNode(await freePort(), env), hocuspocusNode(await freePort(), env), hocuspocusNode(await freePort(), env)];
  const names = nodes.map((_, index) => `hocuspocus${index + 1}`);
  let balancer: LoadBalancer | null = null;
  const stop = async () => {
    await balancer?.stop().catch(() => undefined);
    await Promise.all(nodes.map((node) => node.stop()));
    await database.drop().catch(() => undefined);
    await redis.stop();
    await rm(folder, { recursive: true, force: true });
  };
  const unregister = registerCleanup(stop, () => nodes.forEach((node) => node.running() && process.kill(node.pid(), "SIGKILL")));
  try {
    await nodes[0]!.start(); // creates the table
    await Promise.all(nodes.slice(1).map((node) => node.start()));
    balancer = await startLoadBalancer(
      nodes.map((node, index) => ({ name: names[index]!, port: node.port })),
      folder,
      await freePort(),
    );
  } catch (error) {
    unregister();
    await stop();
    throw error;
  }
  const lb = balancer;
  const allUp = () =>
    waitFor(async () => {
      const states = await lb.states();
      return names.every((name) => states[name] === "UP");
    }, "haproxy sees every Hocuspocus process up");
  await allUp();
  const WebSocket = requireFromSupport("ws") as unknown;
  return {
    label: "Hocuspocus",
    origin: lb.origin,
    balancer: lb,
    redis,
    names,
    pids: () => nodes.filter((node) => node.running()).map((node) => node.pid()),
    databasePids: () => backendPids(database.pool, database.url),
    kill: (index) => nodes[index]!.kill(),
    async restart(index) {
      await nodes[index]!.start();
      await allUp();
    },
    newDocument: (title) => Promise.resolve(title.replace(/\W+/g, "-")),
    connect(document) {
      const doc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({ url: lb.origin.replace(/^http/, "ws"), WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: document, document: doc });
      provider.attach();
      const synced = new Promise<void>((resolve) => {
        if (provider.isSynced) resolve();
        provider.on("synced", ({ state }: { state: boolean }) => state && resolve());
      });
      return {
        doc,
        synced,
        destroy() {
          provider.destroy();
          socket.destroy();
          doc.destroy();
        },
      };
    },
    async storedParagraphs(document) {
      const { rows } = await database.pool.query<{ data: Buffer }>("select data from hocuspocus_documents where name = $1", [document]);
      const doc = new Y.Doc();
      if (rows[0]) Y.applyUpdate(doc, new Uint8Array(rows[0].data));
      const paragraphs = paragraphTexts(doc);
      doc.destroy();
      return paragraphs;
    },
    async stop() {
      unregister();
      await stop();
    },
  };
}

/** The backends connected to the database (the benchmark's own pool included: it is idle in the window). */
async function backendPids(pool: ClusterDatabase["pool"], url: string): Promise<number[]> {
  const name = new URL(url).pathname.slice(1);
  const { rows } = await pool.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [name]);
  return rows.map((row) => row.pid);
}

/** INFO of a Redis (raw RESP on a socket, so the benchmark needs no client library): field → number. */
export async function redisInfo(port: number, section: string): Promise<Map<string, string>> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error("Redis did not answer INFO"));
    });
    socket.on("error", reject);
    socket.on("connect", () => socket.write(`INFO ${section}\r\n`));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      const header = /^\$(\d+)\r\n/.exec(answer);
      if (header && Buffer.byteLength(answer) >= header[0].length + Number(header[1])) {
        socket.end();
        resolve(answer.slice(header[0].length));
      }
    });
  });
  const fields = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** Commands Redis has executed so far (the sum of INFO commandstats calls) and its CPU seconds. */
export async function redisCounters(port: number): Promise<{ commands: number; cpuSeconds: number }> {
  const stats = await redisInfo(port, "commandstats");
  let commands = 0;
  for (const value of stats.values()) commands += Number(/calls=(\d+)/.exec(value)?.[1] ?? 0);
  const cpu = await redisInfo(port, "cpu");
  const cpuSeconds = Number(cpu.get("used_cpu_user") ?? 0) + Number(cpu.get("used_cpu_sys") ?? 0);
  return { commands, cpuSeconds };
}
