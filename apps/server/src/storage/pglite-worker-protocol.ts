/**
 * The messages between the server's thread and the worker thread that owns an embedded PGlite
 * (pglite-worker.ts). Types only, so that the worker imports nothing of the server at run time.
 */

/** What the worker is started with (its `workerData`). */
export interface PGliteWorkerData {
  dataDir: string;
  /** Passed to `PGlite.create` after PGlite's own start parameters (`-c name=value` pairs). */
  extraStartParams: string[];
}

/** A request from the server's thread; `id` pairs it with its answer. */
export type PGliteWorkerRequest = { id: number; kind: "query"; sql: string; params: unknown[] } | { id: number; kind: "close" };

/** What a query returns, as PGlite's `query` does (only what Kysely reads). */
export interface PGliteWorkerResult {
  rows: Record<string, unknown>[];
  affectedRows?: number;
}

/**
 * A database error as plain fields: an Error crossing a MessagePort keeps only its message, and
 * callers decide by the SQLSTATE `code` (database-errors.ts, update-log.ts's isDataError).
 */
export interface PGliteWorkerError {
  message: string;
  name: string;
  stack?: string;
  fields: Record<string, string | number>;
}

/** An answer from the worker: `ready` once the database is open, then one answer per request. */
export type PGliteWorkerReply =
  | { kind: "ready" }
  | { kind: "start-failed"; error: PGliteWorkerError }
  | { id: number; kind: "result"; result: PGliteWorkerResult }
  | { id: number; kind: "error"; error: PGliteWorkerError }
  | { id: number; kind: "closed" };
