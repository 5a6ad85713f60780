import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/collab/ is two levels down). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Everything the benchmark starts or creates, so that it is removed however the run ends: normally,
// on an exception, on Ctrl-C, or on process.exit (the synchronous "exit" handler is the last resort).
const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const asyncCleanups = new Set<() => Promise<void>>();
const exitCleanups = new Set<() => void>();

process.on("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch (error) {
      console.error("bench: cleanup at exit failed:", error);
    }
  }
});

/** Stops every server still running, drops scratch databases and removes temp dirs. Safe to call twice. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...liveChildren].map((child) => stopChild(child, 5_000)));
  for (const cleanup of [...asyncCleanups]) {
    asyncCleanups.delete(cleanup);
    await cleanup().catch((error: unknown) => console.error("bench: cleanup failed:", error));
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/**
 * On SIGINT/SIGTERM or an uncaught error: clean up, then exit (the default handlers would leave the
 * servers running and the scratch database behind).
 */
export function installSignalCleanup(): void {
  let exiting = false;
  const cleanupAndExit = (why: string, code: number) => {
    console.error(`bench: ${why}, stopping the servers`);
    if (exiting) return;
    exiting = true;
    void cleanupAll().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => cleanupAndExit("SIGINT", 130));
  process.once("SIGTERM", () => cleanupAndExit("SIGTERM", 143));
  process.on("uncaughtException", (error) => cleanupAndExit(`uncaught ${error.stack ?? String(error)}`, 1));
  process.on("unhandledRejection", (error) => cleanupAndExit(`unhandled rejection ${String(error)}`, 1));
}

/**
 * Runs the cleanup in cleanupAll, or the synchronous fallback at exit if the process ends without
 * cleanupAll (an uncaught error); neither once unregistered (returns the unregister).
 */
export function registerCleanup(cleanup: () => Promise<void>, atExit: () => void): () => void {
  const once = async () => {
    exitCleanups.delete(atExit);
    await cleanup();
  };
  asyncCleanups.add(once);
  exitCleanups.add(atExit);
  return () => {
    asyncCleanups.delete(once);
    exitCleanups.delete(atExit);
  };
}

/** A fresh temp dir, removed by cleanupAll or at exit. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes a temp dir made by makeTempDir now. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** A port that was free a moment ago (the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. */
function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    liveChildren.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(killer);
      liveChildren.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A server under test, running as its own process. */
export interface ServerProcess {
  label: string;
  pid: number;
  origin: string;
  /** Log lines at pino level warn or above (Accord), or any stderr line (reference). */
  warnings: string[];
  /** Stops it (graceful first) and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `node <script>` with the env and waits until GET readyPath answers 200. */
async function startNodeServer(
  label: string,
  script: string,
  env: NodeJS.ProcessEnv,
  origin: string,
  readyPath: string,
  extraNodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS (such as "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the servers' node only.
  const nodeArgs = [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), ...extraNodeArgs];
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: repositoryRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  liveChildren.add(child);
  const tail: string[] = [];
  const warnings: string[] = [];
  const onLine = (line: string, isStderr: boolean) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > 30) tail.shift();
    let level = isStderr ? 50 : 30;
    try {
      const parsed = JSON.parse(line) as { level?: unknown };
      if (typeof parsed.level === "number") level = parsed.level;
    } catch {
      // Not pino JSON (the reference prints plain text): stderr counts as a warning, stdout does not.
    }
    if (level >= 40) warnings.push(line);
  };
  for (const [stream, isStderr] of [
    [child.stdout, false],
    [child.stderr, true],
  ] as const) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) onLine(line, isStderr);
    });
  }
  const server: ServerProcess = {
    label,
    pid: child.pid ?? -1,
    origin,
    warnings,
    stop: () => stopChild(child, 15_000),
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      liveChildren.delete(child);
      throw new Error(`${label} exited during start (${child.exitCode ?? child.signalCode}):\n${tail.join("\n")}`);
    }
    try {
      const response = await fetch(`${origin}${readyPath}`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${label} did not answer within 60 s:\n${tail.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the reference in-memory y-websocket server (@y/websocket-server), persisting nothing. */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: String(port) };
  delete env.YPERSISTENCE; // would make it write LevelDB
  const script = path.join(repositoryRoot, "node_modules/@y/websocket-server/src/server.js");
  return startNodeServer("reference", script, env, `http://127.0.0.1:${port}`, "/");
}

/** Where an Accord under test keeps its data. */
export type AccordStorage = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** More for one Accord under test: node flags (such as `--import` of a probe) and environment variables. */
export interface AccordExtras {
  nodeArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts the built Accord server (apps/server/dist/main.js) on a fresh database. */
export async function startAccord(storage: AccordStorage, messagesPerSecond: number, extras: AccordExtras = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    ACCORD_WEB_ROOT: "",
    LOGIN_REQUESTS_PER_MINUTE: "100000",
    COLLAB_MESSAGES_PER_SECOND: String(messagesPerSecond),
    ...extras.env,
  };
  // The demo data gives the facilitator account; production mode would refuse both it and PGlite.
  for (const name of ["NODE_ENV", "ACCORD_DEMO", "DATABASE_URL", "DATA_DIR", "PUBLIC_ORIGIN"]) delete env[name];
  if (storage.kind === "pglite") env.DATA_DIR = storage.dataDir;
  else env.DATABASE_URL = storage.url;
  const label = storage.kind === "pglite" ? "Accord (PGlite)" : "Accord (PostgreSQL)";
  // LOG_LEVEL=warn hides the "listening" line, so readiness is the health route answering.
  return startNodeServer(
    label,
    path.join(repositoryRoot, "apps/server/dist/main.js"),
    env,
    `http://127.0.0.1:${port}`,
    "/api/health",
    extras.nodeArgs,
  );
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, all threads) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces and parentheses: count fields from the last ")". utime and stime
  // are fields 14 and 15 of the line, so 11 and 12 after the ")" (which ends field 2).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Resident memory now and its peak since the process started (VmRSS, VmHWM), in MiB. */
export function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}
