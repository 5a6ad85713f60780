/**
 * "Saved" or "Saving…": whether the server has committed everything this browser holds. The server
 * relays an update only after committing it, and reports what it has committed at
 * GET /api/policies/:id/draft/state-vector: its Yjs state vector and its delete set. Comparing those with
 * the local ones answers the question without trusting that a sent message arrived. Both are needed: a
 * deletion adds no operation to the state vector, so a change that only deletes shows only in the
 * delete set.
 */

/** A Yjs state vector: for each client id, the number of its operations a document holds. */
export type StateVector = ReadonlyMap<number, number>;

/** A Yjs delete set: for each client id, the ranges of its operations that are deleted. */
export type DeletedRanges = ReadonlyMap<number, readonly { readonly clock: number; readonly len: number }[]>;

/** What a document holds, as far as saving cares. */
export interface DocumentProgress {
  stateVector: StateVector;
  deleted: DeletedRanges;
}

/**
 * True when the server holds every operation the local document holds (for each client in the local
 * vector, the server's clock is at least as far; clients only the server knows are irrelevant) and has
 * deleted everything deleted locally.
 */
export function isSavedOnServer(local: DocumentProgress, server: DocumentProgress): boolean {
  for (const [client, clock] of local.stateVector) {
    if ((server.stateVector.get(client) ?? 0) < clock) return false;
  }
  return deletionsCovered(local.deleted, server.deleted);
}

/** True when every range deleted locally lies inside ranges the server has deleted. */
export function deletionsCovered(local: DeletedRanges, server: DeletedRanges): boolean {
  for (const [client, ranges] of local) {
    const covered = mergedRanges(server.get(client) ?? []);
    for (const { clock, len } of ranges) {
      if (len > 0 && !covered.some((range) => range.clock <= clock && clock + len <= range.clock + range.len)) return false;
    }
  }
  return true;
}

/** Ranges sorted by clock with touching and overlapping ones joined (Yjs may send them split). */
function mergedRanges(ranges: readonly { clock: number; len: number }[]): { clock: number; len: number }[] {
  const merged: { clock: number; len: number }[] = [];
  for (const range of [...ranges].sort((left, right) => left.clock - right.clock)) {
    const last = merged.at(-1);
    if (last && range.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock);
    } else {
      merged.push({ clock: range.clock, len: range.len });
    }
  }
  return merged;
}

/** What the status line says about the connection and saving. */
export interface StatusInput {
  readOnly: boolean;
  /** "connecting" only before the first attempt has connected or failed. */
  connection: "connecting" | "connected" | "offline" | "closed";
  /** null while nobody knows yet (no answer from the server since the last local change). */
  saved: boolean | null;
}

/** The status line's text. */
export function statusText({ readOnly, connection, saved }: StatusInput): string {
  if (connection === "closed") return "Not connected";
  if (connection === "connecting") return "Connecting…";
  if (readOnly) return connection === "connected" ? "Read only: changes by others appear live" : "Offline — reconnecting";
  if (connection === "offline") return "Offline — your changes will sync";
  return saved === true ? "Saved" : "Saving…";
}

/** What the tracker needs from the outside, so that it can be tested with fake clocks and servers. */
export interface SaveTrackerOptions {
  /** The local document's state vector and delete set right now. */
  localProgress: () => DocumentProgress;
  /** The server's committed state vector and delete set. */
  fetchServerProgress: (signal: AbortSignal) => Promise<DocumentProgress>;
  /** Called whenever `saved` changes. */
  onChange: (saved: boolean | null) => void;
  /** Quiet time after a local change before asking the server. */
  debounceMs?: number;
  /** Time between questions while not saved. */
  pollMs?: number;
}

/**
 * Asks the server whether everything local is committed: ~400 ms after the last local change, then every
 * ~1.5 s until it is, and never while saved and idle or while offline.
 */
export class SaveTracker {
  private savedState: boolean | null = null;
  private online = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;
  private checkAgain = false;
  private destroyed = false;
  private readonly debounceMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: SaveTrackerOptions) {
    this.debounceMs = options.debounceMs ?? 400;
    this.pollMs = options.pollMs ?? 1500;
  }

  /** null until the server has answered once since the last local change or reconnection. */
  get saved(): boolean | null {
    return this.savedState;
  }

  /** The local document changed (a keystroke, or offline edits restored from IndexedDB). */
  localChange(): void {
    if (this.destroyed) return;
    this.setSaved(false);
    if (this.online) this.schedule(this.debounceMs);
  }

  /** The connection came up (and synced) or went down. Coming up always re-checks: edits may have waited. */
  setOnline(online: boolean): void {
    if (this.destroyed || online === this.online) return;
    this.online = online;
    if (online) {
      this.schedule(this.debounceMs);
    } else {
      this.clearTimer();
      this.inFlight?.abort();
      this.inFlight = undefined;
    }
  }

  /** Stops every timer and request. */
  destroy(): void {
    this.destroyed = true;
    this.clearTimer();
    this.inFlight?.abort();
  }

  private setSaved(saved: boolean | null): void {
    if (saved === this.savedState) return;
    this.savedState = saved;
    this.options.onChange(saved);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** (Re)starts the one timer: a later local change pushes the question back, as a debounce should. */
  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delayMs);
  }

  private async check(): Promise<void> {
    // One question at a time; a change while one is out asks again when it answers.
    if (this.inFlight) {
      this.checkAgain = true;
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    let saved: boolean | undefined;
    try {
      const server = await this.options.fetchServerProgress(controller.signal);
      // Compared with the local document as it is NOW, so edits made while the request was out count.
      saved = isSavedOnServer(this.options.localProgress(), server);
    } catch {
      // Offline, a restart, a failed request: unknown, so keep asking at the polling pace.
      saved = undefined;
    }
    if (this.inFlight !== controller) return; // went offline or destroyed meanwhile
    this.inFlight = undefined;
    if (this.destroyed || !this.online) return;
    if (saved !== undefined) this.setSaved(saved);
    if (this.checkAgain) {
      this.checkAgain = false;
      this.schedule(this.debounceMs);
    } else if (saved !== true && this.timer === undefined) {
      // A pending debounce (a change while the request was out) asks sooner than a poll would.
      this.schedule(this.pollMs);
    }
  }
}
