import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import type {
  PGliteWorkerData,
  PGliteWorkerError,
  PGliteWorkerReply,
  PGliteWorkerRequest,
  PGliteWorkerResult,
} from "./pglite-worker-protocol.js";

/**
 * The worker thread that owns an embedded PGlite (started by pglite-in-worker.ts). PGlite runs
 * PostgreSQL's WebAssembly synchronously on whichever thread calls it; here that thread is this one,
 * so the server's event loop relays collaboration updates while a statement runs.
 *
 * It answers one request at a time, in the order they come: the server's side already hands the one
 * connection to one user at a time (a Kysely transaction's statements never interleave with others').
 * It imports nothing of the server, so it loads alone as compiled JavaScript (or through tsx from source).
 */

const port = parentPort;
if (!port) throw new Error("pglite-worker.ts runs only as a worker thread.");
const { dataDir, extraStartParams } = workerData as PGliteWorkerData;

function post(reply: PGliteWorkerReply): void {
  port!.postMessage(reply);
}

/** An error's message and its string and number fields (SQLSTATE `code`, `detail`, `constraint`…). */
function describeError(error: unknown): PGliteWorkerError {
  if (!(error instanceof Error)) return { message: String(error), name: "Error", fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    // `query` and `params` are PGlite's copy of the request: the caller has both already.
    if (key === "query" || key === "params") continue;
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { message: error.message, name: error.name, ...(error.stack ? { stack: error.stack } : {}), fields };
}

/**
 * A typed array that owns exactly its bytes. Posting a view posts its whole ArrayBuffer, so a
 * value that views part of a larger buffer is copied first.
 */
function ownBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && (value.byteOffset !== 0 || value.byteLength !== value.buffer.byteLength)) {
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  return value;
}

async function runQuery(pglite: PGlite, sql: string, params: unknown[]): Promise<PGliteWorkerResult> {
  const { rows, affectedRows } = await pglite.query<Record<string, unknown>>(sql, params);
  for (const row of rows) {
    for (const key in row) row[key] = ownBytes(row[key]);
  }
  return affectedRows === undefined ? { rows } : { rows, affectedRows };
}

/** Opens the database, then answers requests until asked to close. */
async function serve(port: MessagePort): Promise<void> {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...extraStartParams] });
  } catch (error) {
    // The server's side rejects its start with this; the thread then ends, as the port closes.
    port.postMessage({ kind: "start-failed", error: describeError(error) } satisfies PGliteWorkerReply);
    port.close();
    return;
  }
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (request: PGliteWorkerRequest) => {
    queue = queue.then(async () => {
      if (request.kind === "close") {
        // close() writes PostgreSQL's shutdown checkpoint to the folder; the port closes after the answer.
        try {
          if (!pglite.closed) await pglite.close();
          post({ id: request.id, kind: "closed" });
        } catch (error) {
          post({ id: request.id, kind: "error", error: describeError(error) });
        }
        port.close();
        return;
      }
      try {
        post({ id: request.id, kind: "result", result: await runQuery(pglite, request.sql, request.params) });
      } catch (error) {
        post({ id: request.id, kind: "error", error: describeError(error) });
      }
    });
  });
  post({ kind: "ready" });
}

await serve(port);
