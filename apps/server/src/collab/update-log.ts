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
}

/**
 * The write-ahead path of every draft update: each one is committed to the database before anyone else
 * sees it. Group commit: updates that arrive while a write is in flight go together in the next one, so
 * a busy server does one transaction per round trip, not one per keystroke. Order is kept: a batch is
 * written, and its promises resolve, in arrival order.
 *
 * When a write fails the batch stays in memory, at the head of the queue, and is retried with backoff
 * for as long as the server runs: nothing is dropped and nothing is relayed that is not stored.
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
      const batch = this.queue;
      this.queue = [];
      try {
        const seqs = await this.appendUpdates(
          batch.map(({ policyId, update, audit, alsoWrite }) => ({ policyId, update, ...(audit ? { audit } : {}), ...(alsoWrite ? { alsoWrite } : {}) })),
        );
        for (const [index, write] of batch.entries()) {
          this.pendingPerPolicy.set(write.policyId, (this.pendingPerPolicy.get(write.policyId) ?? 1) - 1);
          if (this.pendingPerPolicy.get(write.policyId) === 0) this.pendingPerPolicy.delete(write.policyId);
          write.resolve(seqs[index] ?? 0);
        }
        delay = this.retryDelayMs.first;
      } catch (error) {
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
}
