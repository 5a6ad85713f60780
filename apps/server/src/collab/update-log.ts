import type { FastifyBaseLogger } from "fastify";
import type { DraftWrite } from "../storage/drafts.js";

/** What the collaboration objects log: warnings and errors (the app's logger, or a stub in unit tests). */
export type CollabLog = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

/** Writes a batch of updates in order, in one transaction, returning their sequence numbers (`DraftStore.append`). */
export type AppendWrites = (writes: readonly DraftWrite[]) => Promise<number[]>;

/** How long a failed write waits before it is tried again: `first`, doubling up to `max`. */
export interface RetryDelays {
  first: number;
  max: number;
}

interface PendingWrite extends DraftWrite {
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
const carriesRows = (write: DraftWrite): boolean => write.audit !== undefined || write.alsoWrite !== undefined;

/** The write as the store sees it: without the queue's own fields, and without keys that hold nothing. */
const asStored = ({ policyId, update, audit, alsoWrite }: PendingWrite): DraftWrite => ({
  policyId,
  update,
  ...(audit ? { audit } : {}),
  ...(alsoWrite ? { alsoWrite } : {}),
});

/**
 * One document's write-ahead queue, owned by its `CollabDocument` (nothing else appends to it): every
 * update is committed to the store before anyone sees it. Group commit: updates that arrive while a
 * write is in flight go together in the next one, so a busy draft costs one transaction per round trip,
 * not one per keystroke. Order is kept: a batch is written, and its promises resolve, in arrival order.
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
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly appendWrites: AppendWrites,
    private readonly log: CollabLog,
    private readonly retryDelayMs: RetryDelays = { first: 100, max: 5_000 },
  ) {}

  /** Queues a write; resolves with its sequence number once it is committed. */
  append(write: DraftWrite): Promise<number> {
    if (this.closed) return Promise.reject(new Error("The update log is closed."));
    const committed = new Promise<number>((resolve, reject) => this.queue.push({ ...write, resolve, reject }));
    this.flushing ??= this.flush();
    return committed;
  }

  /** Writes what is queued (retrying as usual), then refuses new writes. */
  async close(): Promise<void> {
    await this.whenIdle();
    this.closed = true;
  }

  /** Refuses new writes from now on (a document loaded after shutdown began). */
  closeNow(): void {
    this.closed = true;
  }

  /** Resolves when nothing is waiting to be written. */
  private whenIdle(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async flush(): Promise<void> {
    let delay = this.retryDelayMs.first;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        const seqs = await this.appendWrites(batch.map(asStored));
        for (const [index, write] of batch.entries()) write.resolve(seqs[index] ?? 0);
        delay = this.retryDelayMs.first;
      } catch (error) {
        if (isDataError(error) && batch.some(carriesRows)) {
          const [only] = batch;
          if (batch.length === 1 && only) {
            const reason = error instanceof Error ? error.message : String(error);
            this.log.error(
              { err: error, policyId: only.policyId },
              "the database refused a server-made change to a draft; it is not committed",
            );
            only.reject(new Error(`The database refused this change to the draft: ${reason}`, { cause: error }));
          } else {
            // Try again at once, each write with rows of its own alone, to find the one refused.
            for (const write of batch) if (carriesRows(write)) write.alone = true;
            this.queue = [...batch, ...this.queue];
          }
          continue;
        }
        // Keep the batch first in line, before anything that arrived meanwhile, and try again.
        this.queue = [...batch, ...this.queue];
        const context = { err: error, policyId: batch[0]?.policyId, waiting: this.queue.length, retryInMs: delay };
        this.log.error(context, "could not commit draft updates; retrying");
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
}
