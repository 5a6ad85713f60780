import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type {
  PGliteWorkerData,
  PGliteWorkerError,
  PGliteWorkerReply,
  PGliteWorkerRequest,
  PGliteWorkerResult,
} from "./pglite-worker-protocol.js";

/**
 * A database error raised in the worker, rebuilt on the server's thread with the fields PGlite gave
 * it: `code` (SQLSTATE), `detail`, `constraint`, … as on `pg`'s and PGlite's own errors.
 */
export class PGliteWorkerQueryError extends Error {
  [field: string]: unknown;

  constructor(described: PGliteWorkerError) {
    super(described.message);
    Object.assign(this, described.fields);
    this.name = described.name;
    if (described.stack) this.stack = `${described.stack}\n    (in the embedded database's worker thread)`;
  }
}

/** Thrown by every request once the worker is gone (closed, or ended by an error of its own). */
export class PGliteWorkerStoppedError extends Error {
  constructor(reason: string) {
    super(`The embedded database's worker thread has stopped: ${reason}`);
    this.name = "PGliteWorkerStoppedError";
  }
}

/** A module of this folder as Node can run it: the compiled file, or the TypeScript source and tsx's loader. */
function runnable(name: string): { compiled: URL } | { source: URL; tsx: URL } {
  const compiled = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { compiled };
  // Running from source (vitest, `pnpm dev`): Node 20 cannot load TypeScript itself.
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  return { source: new URL(`./${name}.ts`, import.meta.url), tsx: pathToFileURL(tsxPackage) };
}

/** How to start the worker thread. */
function workerEntry(): { entry: URL | string; eval: boolean } {
  const module = runnable("pglite-worker");
  if ("compiled" in module) return { entry: module.compiled, eval: false };
  // Loader hooks given to a worker by `--import` do not apply to its entry file in Node 20;
  // tsx's `tsImport` loads it instead.
  const tsxApi = new URL("dist/esm/api/index.mjs", module.tsx).href;
  const code =
    `import(${JSON.stringify(tsxApi)})` +
    `.then(({ tsImport }) => tsImport(${JSON.stringify(module.source.href)}, ${JSON.stringify(import.meta.url)}))`;
  return { entry: code, eval: true };
}

/**
 * Creates an embedded database in a folder that holds none, in a child process that then ends
 * (pglite-create-folder.ts says why). The caller holds the folder's lock.
 */
export async function createEmbeddedFolder(data: PGliteWorkerData): Promise<void> {
  const module = runnable("pglite-create-folder");
  const args =
    "compiled" in module
      ? [fileURLToPath(module.compiled)]
      : ["--import", new URL("dist/loader.mjs", module.tsx).href, fileURLToPath(module.source)];
  const child = spawn(process.execPath, [...args, data.dataDir, JSON.stringify(data.extraStartParams)], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  if (code !== 0) {
    throw new Error(`Creating the embedded database in ${data.dataDir} failed (${signal ?? `exit code ${code}`}):\n${stderr.trim()}`);
  }
}

/**
 * The worker's young generation, where PGlite's short-lived garbage (each result's messages and rows)
 * is collected. With V8's default the process held 20 to 60 MiB more at 400 transactions a second
 * (RSS peak 290 and 336 against 270 and 276 MiB); collections at 8 MiB are more frequent, and as cheap
 * per transaction, since a scavenge costs what survives it.
 */
const workerYoungGenerationMiB = 8;

interface Pending {
  resolve(reply: PGliteWorkerReply): void;
  reject(error: Error): void;
}

/**
 * An embedded PGlite that runs on a worker thread of its own (pglite-worker.ts), seen from the
 * server's thread as a client with `query` and `close`. Requests are answered in order; keeping a
 * transaction's statements together is the caller's (the Kysely driver's) job, as with PGlite itself.
 *
 * The thread keeps the process alive only while a request is outstanding, like PGlite on the main
 * thread: a process that forgets to close its database still ends.
 */
export class PGliteInWorker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopped: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: PGliteWorkerReply) => {
      if (!("id" in reply)) return;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0 && !this.closing) worker.unref();
      waiting.resolve(reply);
    });
    worker.on("error", (error) => this.stop(new PGliteWorkerStoppedError(error.message)));
    worker.on("exit", (code) => this.stop(new PGliteWorkerStoppedError(`it exited with code ${code}`)));
  }

  /** Starts the worker and opens the database in `dataDir` (creating it if the folder holds none). */
  static async start(data: PGliteWorkerData): Promise<PGliteInWorker> {
    const { entry, eval: isCode } = workerEntry();
    const worker = new Worker(entry, {
      workerData: data,
      eval: isCode,
      resourceLimits: { maxYoungGenerationSizeMb: workerYoungGenerationMiB },
    });
    const first = await new Promise<PGliteWorkerReply>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new PGliteWorkerStoppedError(`it exited with code ${code} while opening`));
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.once("message", (reply: PGliteWorkerReply) => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(reply);
      });
    });
    if (first.kind !== "ready") {
      await worker.terminate();
      if (first.kind === "start-failed") throw new PGliteWorkerQueryError(first.error);
      throw new Error(`The embedded database's worker answered "${first.kind}" before it was ready.`);
    }
    worker.unref();
    return new PGliteInWorker(worker);
  }

  /** Whether the database has been closed (or its worker has stopped). */
  get closed(): boolean {
    return this.stopped !== null;
  }

  /** Runs one statement with its parameters; rows come back as PGlite parses them. */
  async query(sql: string, params: readonly unknown[] = []): Promise<PGliteWorkerResult> {
    const reply = await this.request({ kind: "query", sql, params: params.map(ownBytes) });
    if (reply.kind === "result") return reply.result;
    if (reply.kind === "error") throw new PGliteWorkerQueryError(reply.error);
    throw new Error(`The embedded database's worker answered a query with "${reply.kind}".`);
  }

  /**
   * Closes the database (PostgreSQL's shutdown checkpoint, written to the folder) after the requests
   * already sent, then waits for the thread to end. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.stopped) return;
      const exited = new Promise<void>((resolve) => this.worker.once("exit", () => resolve()));
      const reply = await this.request({ kind: "close" });
      // Held until the thread has ended: the answer came, but the folder is not let go of before that.
      this.worker.ref();
      await exited;
      if (reply.kind === "error") throw new PGliteWorkerQueryError(reply.error);
    })();
    return this.closing;
  }

  private request(request: { kind: "query"; sql: string; params: unknown[] } | { kind: "close" }): Promise<PGliteWorkerReply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<PGliteWorkerReply>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request } satisfies PGliteWorkerRequest);
    });
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}

/**
 * A parameter as it should cross to the worker: posting a typed array posts its whole ArrayBuffer,
 * and a Buffer or a Yjs update is often a view into a larger one (Node's 8 KiB pool, a decoded message).
 */
function ownBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && (value.byteOffset !== 0 || value.byteLength !== value.buffer.byteLength)) {
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  return value;
}
