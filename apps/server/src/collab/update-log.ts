import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { AuditRecord } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";

/**
 * More rows a server-made change writes in the transaction that commits its update (the decisions on
 * suggestions), so that the update, its audit record and these rows commit together or not at all.
 * It runs again if the batch is retried, so it must write the same rows each time it is called.
 */
export type WriteWithUpdate = (trx: Kysely<Database>) => Promise<void>;

/** One update to commit, with the audit record (and any other rows) of a server-made change to commit with it. */
export interface UpdateRow {
  policyId: string;
  update: Uint8Array;
  audit?: AuditRecord;
  alsoWrite?: WriteWithUpdate;
}

/** Writes a batch of updates in order, in one transaction, returning their sequence numbers. */
export type AppendUpdates = (rows: readonly UpdateRow[]) => Promise<number[]>;

interface PendingWrite extends UpdateRow {
  resolve(seq: number): void;
  reject(error: Error): void;
  /** Set once a batch holding this write failed on its data: it is then written in a batch of its own. */
  alone?: boolean;
}

/**
 * True for an error in the data written, which no retry can mend: SQLSTATE class 22 (data exception),
 * 23 (integrity constraint violation) or P0 (raised by PL/pgSQL, such as a trigger's refusal). Both pg
 * and PGlite put the SQLSTATE in the error's `code`; a lost connection (08), a serialization failure
 * (40) or a server shutting down (57) is transient, as is an error with no SQLSTATE at all.
 */
export function isDataError(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^(22|23|P0)[0-9A-Z]{3}$/.test(code);
}

/** The rows a write carries besides its update (a server-made change's audit record and decisions). */
const carriesRows = (write: UpdateRow): boolean => write.audit !== undefined || write.alsoWrite !== undefined;

/**
 * The write-ahead path of every draft update: each one is committed to the database before anyone else
 * sees it. Group commit: updates that arrive while a write is in flight go together in the next one, so
 * a busy server does one transaction per round trip, not one per keystroke. Order is kept: a batch is
 * written, and its promises resolve, in arrival order.
 *
 * When a write fails the batch stays in memory, at the head of the queue, and is retried with backoff
 * for as long as the server runs: nothing is dropped and nothing is relayed that is not stored. Except
 * when the database refuses the data itself (isDataError) in a batch holding a server-made change with
 * rows of its own: those rows, not a client's bare update, are what can be wrong, and retrying would
 * block the draft forever. Each such write is then tried in a batch of its own; one still refused alone
 * is failed (its promise rejects, nothing of it is written) and the rest commit.
 */
export class UpdateLog {
  private queue: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private readonly pendingPerPolicy = new Map<string, number>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly appendUpdates: AppendUpdates,
    private readonly log: FastifyBaseLogger,
    private readonly retryDelayMs = { first: 100, max: 5_000 },
  ) {}

  /**
   * Queues an update; resolves with its sequence number once it is committed. A server-made change
   * passes its audit record, and may pass `alsoWrite` for more rows of the same transaction.
   */
  append(policyId: string, update: Uint8Array, audit?: AuditRecord, alsoWrite?: WriteWithUpdate): Promise<number> {
    if (this.closed) return Promise.reject(new Error("The update log is closed."));
    this.pendingPerPolicy.set(policyId, (this.pendingPerPolicy.get(policyId) ?? 0) + 1);
    const committed = new Promise<number>((resolve, reject) =>
      this.queue.push({ policyId, update, ...(audit ? { audit } : {}), ...(alsoWrite ? { alsoWrite } : {}), resolve, reject }),
    );
    this.flushing ??= this.flush();
    return committed;
  }

  /** How many updates of this policy are waiting to be committed. */
  pendingFor(policyId: string): number {
    return this.pendingPerPolicy.get(policyId) ?? 0;
  }

  /** Resolves when nothing is waiting to be written. */
  whenIdle(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Writes what is queued (retrying as usual), then refuses new updates. */
  async close(): Promise<void> {
    await this.whenIdle();
    this.closed = true;
  }

  private async flush(): Promise<void> {
    let delay = this.retryDelayMs.first;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        const seqs = await this.appendUpdates(
          batch.map(({ policyId, update, audit, alsoWrite }) => ({ policyId, update, ...(audit ? { audit } : {}), ...(alsoWrite ? { alsoWrite } : {}) })),
        );
        for (const [index, write] of batch.entries()) {
          this.settled(write);
          write.resolve(seqs[index] ?? 0);
        }
        delay = this.retryDelayMs.first;
      } catch (error) {
        if (isDataError(error) && batch.some(carriesRows)) {
          const [only] = batch;
          if (batch.length === 1 && only) {
            this.log.error({ err: error, policyId: only.policyId }, "the database refused a server-made change to a draft; it is not committed");
            this.settled(only);
            only.reject(new Error(`The database refused this change to the draft: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
          } else {
            // Try again at once, each write with rows of its own alone, to find the one refused.
            for (const write of batch) if (carriesRows(write)) write.alone = true;
            this.queue = [...batch, ...this.queue];
          }
          continue;
        }
        // Keep the batch first in line, before anything that arrived meanwhile, and try again.
        this.queue = [...batch, ...this.queue];
        this.log.error({ err: error, waiting: this.queue.length, retryInMs: delay }, "could not commit draft updates; retrying");
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.retryDelayMs.max);
      }
    }
    this.flushing = null;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  /** The next batch: the whole queue, up to a write that must go alone (or that write by itself). */
  private takeBatch(): PendingWrite[] {
    const firstAlone = this.queue.findIndex((write) => write.alone);
    const size = firstAlone === 0 ? 1 : firstAlone === -1 ? this.queue.length : firstAlone;
    return this.queue.splice(0, size);
  }

  /** Counts a write as no longer waiting, committed or failed. */
  private settled(write: PendingWrite): void {
    this.pendingPerPolicy.set(write.policyId, (this.pendingPerPolicy.get(write.policyId) ?? 1) - 1);
    if (this.pendingPerPolicy.get(write.policyId) === 0) this.pendingPerPolicy.delete(write.policyId);
  }
}
