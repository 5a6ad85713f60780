import type { FastifyBaseLogger } from "fastify";
import type { DraftWrite } from "../storage/drafts.js";

/** What the collaboration objects log: warnings and errors (the app's logger, or a stub in unit tests). */
export type CollabLog = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

/** Writes a batch of updates (of one draft or several) atomically, returning their sequence numbers (`DraftStore.append`). */
export type AppendWrites = (writes: readonly DraftWrite[]) => Promise<number[]>;

/** How long a failed write waits before it is tried again: `first`, doubling up to `max`. */
export interface RetryDelays {
  first: number;
  max: number;
}

/** How the update log groups its writes. */
export interface UpdateLogOptions {
  /** How long a failed write waits before it is tried again (100 ms doubling to 5 s unless given). */
  retryDelayMs?: RetryDelays;
  /**
   * How many batches may be written at once (1 unless given). Never two of one draft: a draft's next
   * batch waits for its previous one, which keeps its order. More than one only helps a database that
   * commits several transactions at once (PostgreSQL's pool), not the embedded one's single connection.
   */
  batchesInFlight?: number;
  /** The most writes one batch holds (a statement's parameters are bounded). */
  maxBatchWrites?: number;
}

/** One draft's queue, as its `CollabDocument` sees it: append, and close when the document goes. */
export interface DraftUpdateLog {
  /** Queues a write of this draft; resolves with its sequence number once it is committed. */
  append(write: Omit<DraftWrite, "policyId">): Promise<number>;
  /** Writes what this draft has queued (retrying as usual), then refuses its new writes. */
  close(): Promise<void>;
  /** Refuses this draft's new writes from now on (a document loaded after shutdown began). */
  closeNow(): void;
}

interface PendingWrite extends DraftWrite {
  resolve(seq: number): void;
  reject(error: Error): void;
  /** Set once a batch holding this write failed on its data: it is then written in a batch of its own. */
  alone?: boolean;
}

/** One draft's writes waiting in the log, and where that draft stands. */
interface DraftLane {
  policyId: string;
  queue: PendingWrite[];
  /** A batch holding this draft's writes is being written: its next batch waits (order). */
  writing: boolean;
  /** Waiting out a failure's delay before it is tried again. */
  backingOff: boolean;
  /** The delay after this draft's next failure. */
  retryDelay: number;
  /**
   * Set when a batch of several drafts was refused on its data: this draft is written in batches of its
   * own until one commits, so a draft whose rows the database refuses holds up no other draft.
   */
  isolated: boolean;
  idleWaiters: (() => void)[];
}

/** A batch being written: its writes in order, and the drafts they belong to. */
interface Batch {
  writes: PendingWrite[];
  lanes: DraftLane[];
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
 * The process's write-ahead queue of draft updates, shared by every loaded document (the registry owns
 * it; each `CollabDocument` appends through its own `forDraft` handle): every update is committed to the
 * store before anyone sees it. Group commit across drafts: updates of any draft that arrive while a
 * batch is being written go together in the next one, so the process pays one transaction per round
 * trip, not one per update nor one per draft (with many drafts each receiving an update now and then,
 * a queue per draft never grouped). Each draft's order is kept: a draft's writes are taken in arrival
 * order, its next batch waits until its previous one is written, and its promises resolve in order.
 *
 * When a write fails its batch stays in memory, each draft's writes at the head of that draft's queue,
 * and is retried with backoff for as long as the server runs: nothing is dropped and nothing is relayed
 * that is not stored. Except when the database refuses the data itself (isDataError): a batch of several
 * drafts is then split, each draft written on its own (until it commits), so that one draft's refused
 * rows hold up no other draft; and within one draft, a batch holding a server-made change with rows of
 * its own (those rows, not a client's bare update, are what can be wrong, and retrying would block the
 * draft forever) is split further: each such write is tried in a batch of its own; one still refused
 * alone is failed (its promise rejects, nothing of it is written) and the rest commit.
 */
export class UpdateLog {
  private readonly lanes = new Map<string, DraftLane>();
  /** Drafts with writes that may go in the next batch, in the order they became ready. */
  private readonly ready = new Set<DraftLane>();
  private batchesWriting = 0;
  private readonly retryDelayMs: RetryDelays;
  private readonly batchesInFlight: number;
  private readonly maxBatchWrites: number;

  constructor(
    private readonly appendWrites: AppendWrites,
    private readonly log: CollabLog,
    options: UpdateLogOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? { first: 100, max: 5_000 };
    this.batchesInFlight = Math.max(1, options.batchesInFlight ?? 1);
    this.maxBatchWrites = Math.max(1, options.maxBatchWrites ?? 1_000);
  }

  /** One draft's handle on the log (what its document appends through and closes). */
  forDraft(policyId: string): DraftUpdateLog {
    let closed = false;
    return {
      append: (write) => {
        if (closed) return Promise.reject(new Error("The update log is closed."));
        return this.append({ ...write, policyId });
      },
      close: async () => {
        await this.whenIdle(policyId);
        closed = true;
      },
      closeNow: () => {
        closed = true;
      },
    };
  }

  /** Queues a write; resolves with its sequence number once it is committed. */
  append(write: DraftWrite): Promise<number> {
    const lane = this.laneOf(write.policyId);
    const committed = new Promise<number>((resolve, reject) => lane.queue.push({ ...write, resolve, reject }));
    this.markReady(lane);
    this.writeNext();
    return committed;
  }

  /** Resolves when nothing of this draft is waiting to be written. */
  whenIdle(policyId: string): Promise<void> {
    const lane = this.lanes.get(policyId);
    if (!lane) return Promise.resolve();
    return new Promise((resolve) => lane.idleWaiters.push(resolve));
  }

  private laneOf(policyId: string): DraftLane {
    let lane = this.lanes.get(policyId);
    if (!lane) {
      lane = {
        policyId,
        queue: [],
        writing: false,
        backingOff: false,
        retryDelay: this.retryDelayMs.first,
        isolated: false,
        idleWaiters: [],
      };
      this.lanes.set(policyId, lane);
    }
    return lane;
  }

  private markReady(lane: DraftLane): void {
    if (lane.queue.length > 0 && !lane.writing && !lane.backingOff) this.ready.add(lane);
  }

  /** Starts batches while there is room and something ready. */
  private writeNext(): void {
    while (this.batchesWriting < this.batchesInFlight) {
      const batch = this.takeBatch();
      if (!batch) return;
      this.batchesWriting++;
      void this.write(batch);
    }
  }

  /**
   * The next batch: every ready draft's writes, in the order the drafts became ready, each draft's up to
   * a write that must go alone; a draft that must go alone (isolated, or its next write alone) only as a
   * batch by itself.
   */
  private takeBatch(): Batch | null {
    const batch: Batch = { writes: [], lanes: [] };
    for (const lane of this.ready) {
      if (batch.writes.length >= this.maxBatchWrites) break;
      const [first] = lane.queue;
      const mustGoAlone = lane.isolated || first?.alone === true;
      if (mustGoAlone && batch.lanes.length > 0) continue;
      const firstAlone = lane.queue.findIndex((write) => write.alone);
      const upTo = firstAlone === 0 ? 1 : firstAlone === -1 ? lane.queue.length : firstAlone;
      const taken = lane.queue.splice(0, Math.min(upTo, this.maxBatchWrites - batch.writes.length));
      batch.writes.push(...taken);
      batch.lanes.push(lane);
      lane.writing = true;
      this.ready.delete(lane);
      if (mustGoAlone) break;
    }
    return batch.lanes.length > 0 ? batch : null;
  }

  private async write(batch: Batch): Promise<void> {
    try {
      const seqs = await this.appendWrites(batch.writes.map(asStored));
      for (const [index, write] of batch.writes.entries()) write.resolve(seqs[index] ?? 0);
      for (const lane of batch.lanes) {
        lane.retryDelay = this.retryDelayMs.first;
        lane.isolated = false;
      }
    } catch (error) {
      this.handleFailure(batch, error);
    } finally {
      this.batchesWriting--;
      for (const lane of batch.lanes) {
        lane.writing = false;
        this.markReady(lane);
        this.settleIfIdle(lane);
      }
      this.writeNext();
    }
  }

  private handleFailure(batch: Batch, error: unknown): void {
    // Keep each draft's writes first in its line, before anything that arrived meanwhile.
    for (const lane of batch.lanes) lane.queue = [...batch.writes.filter((write) => write.policyId === lane.policyId), ...lane.queue];
    if (isDataError(error)) {
      const [onlyLane] = batch.lanes;
      if (batch.lanes.length > 1 || !onlyLane) {
        // Try again at once, each draft on its own, to find the draft whose data is refused.
        for (const lane of batch.lanes) lane.isolated = true;
        return;
      }
      if (batch.writes.some(carriesRows)) {
        const [only] = batch.writes;
        if (batch.writes.length === 1 && only) {
          onlyLane.queue.shift();
          const reason = error instanceof Error ? error.message : String(error);
          this.log.error(
            { err: error, policyId: only.policyId },
            "the database refused a server-made change to a draft; it is not committed",
          );
          only.reject(new Error(`The database refused this change to the draft: ${reason}`, { cause: error }));
        } else {
          // Try again at once, each write with rows of its own alone, to find the one refused.
          for (const write of batch.writes) if (carriesRows(write)) write.alone = true;
        }
        return;
      }
      // A client's bare update refused: nothing here can mend it; it is retried like any failure, and
      // holds up only its own draft (which is written on its own meanwhile).
      onlyLane.isolated = true;
    }
    const delay = Math.max(...batch.lanes.map((lane) => lane.retryDelay));
    for (const lane of batch.lanes) {
      lane.backingOff = true;
      lane.retryDelay = Math.min(delay * 2, this.retryDelayMs.max);
    }
    const waiting = batch.lanes.reduce((sum, lane) => sum + lane.queue.length, 0);
    const context = { err: error, policyId: batch.writes[0]?.policyId, drafts: batch.lanes.length, waiting, retryInMs: delay };
    this.log.error(context, "could not commit draft updates; retrying");
    setTimeout(() => {
      for (const lane of batch.lanes) {
        lane.backingOff = false;
        this.markReady(lane);
      }
      this.writeNext();
    }, delay);
  }

  /** Forgets a draft with nothing left to write, and tells whoever waited for it. */
  private settleIfIdle(lane: DraftLane): void {
    if (lane.queue.length > 0 || lane.writing || lane.backingOff) return;
    if (this.lanes.get(lane.policyId) === lane) this.lanes.delete(lane.policyId);
    this.ready.delete(lane);
    for (const waiter of lane.idleWaiters.splice(0)) waiter();
  }
}
