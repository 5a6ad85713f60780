import * as Y from "yjs";

/**
 * A suggest-only member's local changes, held for a moment and sent as one merged Yjs update. The server
 * checks each update of a suggest-only member against the whole draft (a copy, two conversions, a
 * comparison) and charges the time to the account's checking budget; sent one per keystroke, a typed
 * sentence costs one full check per character, and on a busy server that exhausts the budget (4429)
 * before the sentence ends. Merged, the same sentence costs a few checks, whatever the typing speed.
 */

/** How long a suggest-only member's first unsent change waits for the ones after it (at most 4 sends a second). */
export const suggestionBatchMs = 250;

/** Sends a merged update through whatever carries it (the provider's own send path). */
export type SendUpdate = (update: Uint8Array) => void;

/** The timer functions the batch uses (the browser's, or a test's fake ones). */
export interface BatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Local updates waiting to go out. The first one starts the wait; everything added meanwhile goes with
 * it, merged, when the wait ends or on `flush()`. Nothing is lost while the socket is down: the provider
 * drops what it cannot send, and the sync on reconnection sends everything the server lacks, as it would
 * for updates sent one by one.
 */
export class OutgoingUpdateBatch {
  private pending: Uint8Array[] = [];
  private timer: unknown = null;

  constructor(
    private readonly send: SendUpdate,
    private readonly delayMs: number = suggestionBatchMs,
    private readonly timers: BatchTimers = {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as number),
    },
  ) {}

  /** Holds a local update; the first one of a batch starts the wait. */
  add(update: Uint8Array): void {
    this.pending.push(update);
    if (this.timer === null) this.timer = this.timers.setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends what is waiting now, as one update (nothing when nothing waits). */
  flush(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    this.send(pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending));
  }

  /** Forgets what is waiting without sending it (the copy is being discarded). */
  discard(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
