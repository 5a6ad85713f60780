import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { environmentWithoutFaketime } from "./without-faketime.js";

// Several built Accord processes (`node apps/server/dist/main.js`) on one PostgreSQL database and one
// Redis, behind Debian's haproxy with a generated configuration: round-robin with no stickiness, for HTTP
// and WebSocket alike, with health checks on /api/health. The cluster tests (tests/cluster) and the
// cluster benchmark start one; every process and haproxy is stopped by `stop()`, whatever happened.

/** The repository root. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The checkout whose built server the processes run: this one, or ACCORD_CLUSTER_ROOT (another checkout,
 * built, so that a build of committed code can be tested while this tree is being edited).
 */
const serverRoot = process.env.ACCORD_CLUSTER_ROOT?.trim() || repositoryRoot;

/** The built server the processes run (`pnpm build`, or `tsc -b`, makes it). */
export const builtServer = path.join(serverRoot, "apps/server/dist/main.js");

/** How long starting a process, haproxy or Redis may take on a busy 2-core machine. */
export const clusterStartTimeoutMs = 120_000;

/** How long any condition in a cluster test is waited for before the test fails. */
export const clusterConditionTimeoutMs = 60_000;

/** Why the cluster tests cannot run here, or null when they can (PostgreSQL, Redis, haproxy and a build). */
export function clusterUnavailableReason(): string | null {
  if (!process.env.TEST_DATABASE_URL?.trim()) return "TEST_DATABASE_URL is not set";
  if (!process.env.TEST_REDIS_URL?.trim()) return "TEST_REDIS_URL is not set";
  if (!haproxyBinary()) return "haproxy is not installed";
  if (!existsSync(builtServer)) return "the server is not built (apps/server/dist/main.js)";
  return null;
}

function haproxyBinary(): string | null {
  for (const candidate of [process.env.HAPROXY_PATH, "/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const found = spawnSync("sh", ["-c", "command -v haproxy"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

/** A free TCP port on loopback, from the OS. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("The OS gave no port.");
  return address.port;
}

/** Resolves once `condition()` holds, checking every 50 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = clusterConditionTimeoutMs,
): Promise<void> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`Still waiting after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A child process's output, the last 256 KiB of it, for failure messages. */
function recordOutput(child: ChildProcess): () => string {
  let printed = "";
  const keep = (chunk: Buffer) => {
    printed += chunk.toString();
    if (printed.length > 512 * 1024) printed = printed.slice(-256 * 1024);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => printed;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Sends `signal` and waits for the exit; SIGKILL after 15 s if a gentler signal is not obeyed. */
async function endChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill(signal);
  const timer = signal === "SIGKILL" ? null : setTimeout(() => child.kill("SIGKILL"), 15_000);
  await gone;
  if (timer) clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

/** A new, empty database for one cluster (the first process migrates and seeds it), and how to drop it. */
export interface ClusterDatabase {
  url: string;
  /** A pool on it, for the tests' own reads (what is stored is the truth the tests check against). */
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createClusterDatabase(adminUrl = process.env.TEST_DATABASE_URL?.trim()): Promise<ClusterDatabase> {
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set, so there is no PostgreSQL for a cluster.");
  const name = `accord_cluster_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on("error", () => undefined);
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// A private Redis, to stop and start without touching the machine's own

/** A `redis-server` of the test's own on a free port (no persistence), which the test may stop and start. */
export interface PrivateRedis {
  url: string;
  port: number;
  running(): boolean;
  /** Stops it (SIGKILL: as abrupt as a crash); what it held is gone, as Accord must tolerate. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  output(): string;
}

/** Whether a Redis answers PING on the port. */
async function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = () => "";
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: environmentWithoutFaketime(),
    });
    output = recordOutput(child);
    const started = child;
    await waitFor(
      async () => {
        if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode}:\n${output()}`);
        return redisAnswers(port);
      },
      `redis-server answers on port ${port}`,
      clusterStartTimeoutMs,
    );
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child) await endChild(child, "SIGKILL");
    },
    start,
    output: () => output(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Accord processes

/** One Accord process of the cluster, on a fixed port (haproxy's configuration names it). */
export interface AccordNode {
  /** haproxy's name for it: accord1, accord2, … (the X-Accord-Backend header of each answer). */
  name: string;
  port: number;
  /** Its own origin, bypassing haproxy. */
  origin: string;
  child(): ChildProcess;
  running(): boolean;
  output(): string;
  /** SIGKILL: no flush, no goodbye, as a crash or an OOM kill. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Starts it again on the same port (after kill or stop). */
  start(): Promise<void>;
}

async function spawnAccord(name: string, port: number, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [builtServer], {
    cwd: serverRoot,
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", DATA_DIR: "", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = recordOutput(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within ${clusterStartTimeoutMs / 1000} s:\n${output()}`));
    }, clusterStartTimeoutMs);
    const onData = () => {
      if (/Accord is listening on http:\/\//.test(output())) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${output()}`));
    });
  });
  return { child, output };
}

function accordNode(name: string, port: number, env: NodeJS.ProcessEnv): AccordNode {
  let current: { child: ChildProcess; output: () => string } | null = null;
  const running = () => current !== null && current.child.exitCode === null && current.child.signalCode === null;
  return {
    name,
    port,
    origin: `http://127.0.0.1:${port}`,
    child() {
      if (!current) throw new Error(`${name} was never started`);
      return current.child;
    },
    running,
    output: () => current?.output() ?? "",
    async kill() {
      if (current) await endChild(current.child, "SIGKILL");
    },
    async stop() {
      if (!current) return null;
      await endChild(current.child, "SIGTERM");
      return current.child.exitCode;
    },
    async start() {
      if (running()) return;
      current = await spawnAccord(name, port, env);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// haproxy

/** A backend server's state as haproxy's health checks see it: "UP", "DOWN", "MAINT", "no check", … */
export type BackendState = string;

/** haproxy in front of the processes. */
export interface LoadBalancer {
  /** Where clients connect: http://127.0.0.1:<port>. */
  origin: string;
  configPath: string;
  /** Each server's state (`show stat` on the admin socket): { accord1: "UP", … }. */
  states(): Promise<Record<string, BackendState>>;
  /** Each server's total of sessions (requests and sockets) haproxy sent it so far: { accord1: 12, … }. */
  sessionTotals(): Promise<Record<string, number>>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The configuration: round-robin per request (no stickiness, no preference for the last server), HTTP and
 * WebSocket through one frontend (haproxy passes the upgrade on and then tunnels), checks of /api/health
 * every 500 ms, and a retry on another server when a connection is refused (a killed process).
 */
export function haproxyConfig(options: { port: number; adminSocket: string; servers: { name: string; port: number }[] }): string {
  return [
    "global",
    "  maxconn 4096",
    `  stats socket ${options.adminSocket} mode 600 level admin`,
    "",
    "defaults",
    "  mode http",
    "  option httplog",
    "  timeout connect 2s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  # WebSocket: once upgraded the connection is a tunnel; the providers ping well within this.",
    "  timeout tunnel 1h",
    "  retries 3",
    "  option redispatch 1",
    "",
    "frontend accord",
    `  bind 127.0.0.1:${options.port}`,
    "  default_backend accord",
    "",
    "backend accord",
    "  balance roundrobin",
    "  option httpchk GET /api/health",
    "  http-check expect status 200",
    "  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 1",
    "  # Which process answered, so that the tests can see the balancing.",
    "  http-response set-header X-Accord-Backend %[srv_name]",
    ...options.servers.map((server) => `  server ${server.name} 127.0.0.1:${server.port} check`),
    "",
  ].join("\n");
}

async function adminCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = "";
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`haproxy's admin socket did not answer "${command}"`));
    });
    socket.on("error", reject);
    socket.on("connect", () => socket.write(`${command}\n`));
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
  });
}

export async function startLoadBalancer(servers: { name: string; port: number }[], folder: string, port: number): Promise<LoadBalancer> {
  const binary = haproxyBinary();
  if (!binary) throw new Error("haproxy is not installed (apt-get install haproxy).");
  const adminSocket = path.join(folder, "haproxy.sock");
  const configPath = path.join(folder, "haproxy.cfg");
  await writeFile(configPath, haproxyConfig({ port, adminSocket, servers }));
  // -db: stay in the foreground, so that the harness owns the process and its end.
  const child = spawn(binary, ["-db", "-f", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  const output = recordOutput(child);
  const serverColumn = async (name: string): Promise<Record<string, string>> => {
    const csv = await adminCommand(adminSocket, "show stat");
    const lines = csv.split("\n").filter((line) => line && !line.startsWith("#"));
    const header = csv.split("\n")[0]!.replace(/^# /, "").split(",");
    const column = (name: string) => header.indexOf(name);
    const result: Record<string, string> = {};
    for (const line of lines) {
      const fields = line.split(",");
      if (fields[column("pxname")] !== "accord") continue;
      const server = fields[column("svname")]!;
      if (server === "BACKEND" || server === "FRONTEND") continue;
      result[server] = fields[column(name)] ?? "";
    }
    return result;
  };
  const states = async (): Promise<Record<string, BackendState>> =>
    Object.fromEntries(Object.entries(await serverColumn("status")).map(([server, status]) => [server, status.split(" ")[0]!]));
  const sessionTotals = async (): Promise<Record<string, number>> =>
    Object.fromEntries(Object.entries(await serverColumn("stot")).map(([server, total]) => [server, Number(total)]));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${output()}`);
      return existsSync(adminSocket) && (await states().catch(() => null)) !== null;
    },
    "haproxy answers on its admin socket",
    clusterStartTimeoutMs,
  );
  return {
    origin: `http://127.0.0.1:${port}`,
    configPath,
    states,
    sessionTotals,
    output,
    stop: () => endChild(child, "SIGTERM"),
  };
}

// ---------------------------------------------------------------------------------------------------
// The cluster

export interface AccordCluster {
  /** haproxy's origin: where every client connects. */
  origin: string;
  nodes: AccordNode[];
  balancer: LoadBalancer;
  database: ClusterDatabase;
  redisUrl: string;
  /** Resolves once haproxy sees each named server (default: all) in `state`. */
  waitForStates(state: BackendState, names?: string[]): Promise<void>;
  /** Everything each process and haproxy printed, for a failure message. */
  outputs(): string;
  /** Stops every process and haproxy, and drops the database. Safe to call twice, and after failures. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** How many Accord processes (default 3). */
  processes?: number;
  /** The Redis they share (default TEST_REDIS_URL). */
  redisUrl?: string;
  /** More environment for every process (SMTP_URL, COLLAB_* limits, …). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the cluster: a new database, the first process alone (it migrates and seeds the demo data, as
 * one would deploy), then the others together, then haproxy in front, and waits until haproxy's checks
 * see every process up. On any failure what was started is stopped before the error is thrown.
 */
export async function startAccordCluster(options: ClusterOptions = {}): Promise<AccordCluster> {
  const count = options.processes ?? 3;
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL?.trim();
  if (!redisUrl) throw new Error("TEST_REDIS_URL is not set, so there is no Redis for a cluster.");
  const folder = await mkdtemp(path.join(tmpdir(), "accord-cluster-"));
  const database = await createClusterDatabase();
  const nodes: AccordNode[] = [];
  let balancer: LoadBalancer | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await balancer?.stop().catch(() => undefined);
    // SIGTERM (SIGKILL after 15 s): each closes its sockets, SMTP and database connections cleanly.
    await Promise.all(nodes.map((node) => node.stop().catch(() => undefined)));
    await database.drop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  };
  try {
    // haproxy's port first: it is the origin people use (PUBLIC_ORIGIN: links in e-mail, allowed Origin).
    const balancerPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PUBLIC_ORIGIN: `http://127.0.0.1:${balancerPort}`,
      ...options.env,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
    };
    for (let index = 1; index <= count; index++) nodes.push(accordNode(`accord${index}`, await freePort(), env));
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((node) => node.start()));
    balancer = await startLoadBalancer(
      nodes.map((node) => ({ name: node.name, port: node.port })),
      folder,
      balancerPort,
    );
    const lb = balancer;
    const waitForStates = async (state: BackendState, names = nodes.map((node) => node.name)) => {
      let last: Record<string, BackendState> = {};
      await waitFor(
        async () => {
          last = await lb.states();
          return names.every((name) => last[name] === state);
        },
        `haproxy sees ${names.join(", ")} ${state} (now ${JSON.stringify(last)})`,
        clusterStartTimeoutMs,
      );
    };
    await waitForStates("UP");
    return {
      origin: lb.origin,
      nodes,
      balancer: lb,
      database,
      redisUrl,
      waitForStates,
      outputs: () =>
        [...nodes.map((node) => `--- ${node.name}\n${node.output().slice(-8_000)}`), `--- haproxy\n${lb.output().slice(-4_000)}`].join(
          "\n",
        ),
      stop,
    };
  } catch (error) {
    const printed = nodes.map((node) => `--- ${node.name}\n${node.output().slice(-4_000)}`).join("\n");
    await stop();
    throw error instanceof Error ? new Error(`${error.message}\n${printed}`) : error;
  }
}
