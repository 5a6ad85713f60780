import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, type AwarenessOwner } from "@accord/collab";
import type { DraftStore, DraftWrite, StoredDraft } from "../storage/drafts.js";
import type { DocumentRelay, RelayedDocument } from "./document-relay.js";
import { UpdateLog, type CollabLog, type DraftUpdateLog, type RetryDelays } from "./update-log.js";

/** What a document needs of a connection: an id, and a way to send it bytes. */
export interface DocumentPeer {
  readonly id: number;
  send(message: Uint8Array): void;
}

/** What a document is built with besides its stored draft. */
export interface CollabDocumentOptions {
  /** Where the draft is kept: the document appends its committed updates and folds its log there. */
  store: DraftStore;
  log: CollabLog;
  /** How many committed updates may gather before the document folds them into the snapshot. */
  compactAfterUpdates: number;
  /** How long a failed write waits before it is tried again (the update log's default unless given). */
  retryDelayMs?: RetryDelays;
  /**
   * The process's update log, shared by every loaded document so that their updates commit together
   * (the registry's). A document made without one (unit tests) gets a log of its own.
   */
  updateLog?: UpdateLog;
  /** The other processes serving this database (absent in the embedded mode: one process). */
  relay?: DocumentRelay;
}

/** The origin of what another process committed or published: it is relayed to every peer here, and not back. */
export const remoteOrigin = Symbol("another Accord process");

/** The owner of presence published on another process: no peer here may change or clear it. */
const remotePeer: DocumentPeer = { id: 0, send: () => undefined };

/** A committed update that arrived before its turn, waiting for the ones before it. */
interface WaitingUpdate {
  update: Uint8Array;
  origin: DocumentPeer | null | typeof remoteOrigin;
  applied: () => void;
}

/** The rows a server-made change commits in the transaction of its update (its audit record, decisions). */
export type RowsWithUpdate = Pick<DraftWrite, "audit" | "alsoWrite">;

/**
 * One loaded draft, and the one owner of its update path: append → commit → apply → relay → compact.
 * It holds the Yjs document with exactly what is committed, its awareness (presence), the connections
 * editing it, and its handle on the process's update log; storage is the `DraftStore` port. Knows nothing of sockets or
 * HTTP; the registry loads and unloads it, connections and live drafts hand it their updates.
 */
export class CollabDocument implements RelayedDocument {
  readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  readonly peers = new Set<DocumentPeer>();
  /** The sequence number of the last committed update applied here (what a compaction covers). */
  appliedSeq: number;
  /**
   * Updates appended to the update log but not yet applied here, from every connection and from the
   * server's own changes, in the order they will commit. A client's update may build on them, and lands
   * after them: it is inspected, and a suggest-only one judged, against them too (an accept being
   * committed makes its text plain, for instance).
   */
  readonly inFlight = new Set<Uint8Array>();
  /** Committed updates since the last compaction. */
  private updatesSinceCompaction: number;
  /** The compaction running now, if any: one at a time. */
  private compacting: Promise<void> | null = null;
  /** This draft's handle on the process's update log. */
  private readonly updateLog: DraftUpdateLog;
  /** Waiting for `inFlight` to empty (an unload, a shutdown). */
  private writtenWaiters: (() => void)[] = [];
  /** Which connection introduced each awareness client id: only it may change or clear that state. */
  private readonly awarenessOwners = new Map<number, DocumentPeer>();
  /** Presence published on other processes: which process each awareness client id lives on. */
  private readonly remoteAwareness = new Map<number, string>();
  /**
   * Other processes' committed updates that arrived ahead of their turn, by sequence number. They are
   * applied in sequence order, so `appliedSeq` always means "everything up to here is in the document"
   * (what a compaction and a catch-up rely on).
   */
  private readonly waiting = new Map<number, WaitingUpdate>();
  /**
   * This process's own commits applied ahead of their turn: numbers above `appliedSeq + 1`, because
   * another process committed the numbers between and they are not here yet. Its own commit is applied
   * and relayed at once rather than after the relay from the other process: it is committed, which is
   * the promise, and Yjs updates commute (an item whose origin is not here yet waits inside Yjs, and is
   * relayed when it can be integrated). Waiting for the other process had put the Redis relay's latency
   * on every delivery between two clients of one process (bench/RESULTS.md, issue 14 round 4).
   * `appliedSeq` passes over these once the numbers before them are applied.
   */
  private readonly appliedAhead = new Set<number>();
  /** The read of missing updates from the store running now, if any, and whether another is wanted after it. */
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  /**
   * What every new client is sent while the draft does not change, made once: the server's state vector
   * (its sync step 1) and the whole state (the answer to a new client's empty step 1). A room that opens
   * together asks for both hundreds of times (the connection storm in bench/RESULTS.md). Dropped at
   * every change of the document.
   */
  private greeting: { syncStep1: Uint8Array; wholeState: Uint8Array | null } | null = null;

  constructor(
    readonly policyId: string,
    stored: StoredDraft,
    private readonly options: CollabDocumentOptions,
  ) {
    const updateLog =
      options.updateLog ??
      new UpdateLog(
        (writes) => options.store.append(writes),
        options.log,
        options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {},
      );
    this.updateLog = updateLog.forDraft(policyId);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    Y.applyUpdate(this.ydoc, stored.state);
    for (const { update } of stored.updates) Y.applyUpdate(this.ydoc, update);
    this.appliedSeq = stored.updates.at(-1)?.seq ?? stored.compactedSeq;
    this.updatesSinceCompaction = stored.updates.length;

    // Relay: only committed updates are ever applied here (`applyCommitted`), so everything relayed is
    // already stored. Yjs hands out what the update integrated (a part still pending goes out once
    // something fills its gap), and every peer but the one it came from gets it.
    this.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
      this.greeting = null;
      const message = encodeSyncUpdate(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        const message = encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
        for (const peer of this.peers) peer.send(message);
        // Presence of this process's sockets goes to the other processes; theirs came from there.
        if (origin !== remoteOrigin) {
          const local = changed.filter((clientId) => !this.remoteAwareness.has(clientId));
          if (local.length > 0) options.relay?.awarenessChanged(this, local);
          // A remote state removed here (the library's 30 s timeout) is no longer anyone's.
          for (const clientId of removed) {
            if (this.remoteAwareness.delete(clientId)) this.awarenessOwners.delete(clientId);
          }
        }
      },
    );
  }

  /** The server's sync step 1 (its state vector) as a message, made once per state of the draft. */
  syncStep1Message(): Uint8Array {
    this.greeting ??= { syncStep1: encodeSyncStep1(Y.encodeStateVector(this.ydoc)), wholeState: null };
    return this.greeting.syncStep1;
  }

  /**
   * The answer to a client's sync step 1: what it lacks, as a sync step 2 message. A new client (an empty
   * state vector) lacks everything, and that answer is made once per state of the draft. Throws for a
   * corrupt state vector.
   */
  syncStep2MessageFor(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc, stateVector));
    const greeting = (this.greeting ??= { syncStep1: encodeSyncStep1(Y.encodeStateVector(this.ydoc)), wholeState: null });
    greeting.wholeState ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc));
    return greeting.wholeState;
  }

  /**
   * The path of every change to the draft, a client's or the server's: appended to the update log (in
   * flight meanwhile, and dropped from there if the write fails), committed to the store, and only then
   * applied here and relayed; the document compacts when enough has gathered. Resolves with the update's
   * sequence number; rejects, with nothing applied or relayed, when the store refuses it for good.
   */
  async commit(update: Uint8Array, origin: DocumentPeer | null, rows: RowsWithUpdate = {}): Promise<number> {
    // Added before the append, in the same synchronous step: the set keeps the log's order.
    this.inFlight.add(update);
    try {
      const seq = await this.updateLog.append({ update, ...rows });
      this.options.relay?.committed(this, seq, update);
      await this.applyInOrder(seq, update, origin);
      return seq;
    } finally {
      this.inFlight.delete(update);
      if (this.inFlight.size === 0) for (const waiter of this.writtenWaiters.splice(0)) waiter();
    }
  }

  /**
   * An update another process committed as `seq` (heard through the relay): applied in sequence order
   * and relayed to every peer here. One already applied (this process's own, or one read from the store
   * meanwhile) is dropped.
   */
  receiveCommitted(seq: number, update: Uint8Array): void {
    void this.applyInOrder(seq, update, remoteOrigin);
  }

  /**
   * Applies a committed update in its turn: at once when it is the next, otherwise once the ones before
   * it are here (heard from the relay, or read from the store: a gap is read after `gapWaitMs`).
   * Resolves when it is applied.
   */
  private applyInOrder(seq: number, update: Uint8Array, origin: DocumentPeer | null | typeof remoteOrigin): Promise<void> {
    if (seq <= this.appliedSeq || this.appliedAhead.has(seq) || this.destroyed) return Promise.resolve();
    if (seq === this.appliedSeq + 1 || origin !== remoteOrigin) {
      this.applyCommitted(update, seq, origin);
      this.applyWaiting();
      // Applied ahead: the numbers before it are read from the store if nothing relays them in time.
      if (this.appliedAhead.size > 0) this.scheduleCatchUp();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const earlier = this.waiting.get(seq);
      // The same update twice (relay and store): keep the first, and resolve both when it lands.
      if (earlier) {
        const applied = earlier.applied;
        earlier.applied = () => {
          applied();
          resolve();
        };
      } else this.waiting.set(seq, { update, origin, applied: resolve });
      this.scheduleCatchUp();
    });
  }

  /** Applies what waited for the update just applied, as far as the sequence runs without a hole. */
  private applyWaiting(): void {
    for (;;) {
      const next = this.waiting.get(this.appliedSeq + 1);
      if (!next) break;
      this.waiting.delete(this.appliedSeq + 1);
      this.applyCommitted(next.update, this.appliedSeq + 1, next.origin);
      next.applied();
    }
    // Anything at or before appliedSeq came in by a snapshot meanwhile: it is in the document.
    for (const [seq, waiting] of this.waiting) {
      if (seq > this.appliedSeq) continue;
      this.waiting.delete(seq);
      waiting.applied();
    }
    if (!this.hasHole && this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  /** True while committed updates below one applied here are missing (heard ahead, or this process's own ahead). */
  private get hasHole(): boolean {
    return this.waiting.size > 0 || this.appliedAhead.size > 0;
  }

  private scheduleCatchUp(): void {
    if (this.gapTimer || this.destroyed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.hasHole) void this.catchUp();
    }, this.options.relay?.gapWaitMs ?? 0);
  }

  /**
   * Reads from the store every committed update not yet applied here, and applies them in order (the
   * relay calls it when it has missed something, when Redis returns, or when the stored sequence has
   * moved past this document's). When a compaction has already folded some of them away, the stored
   * snapshot is applied instead (Yjs applies what it already holds as nothing). One read at a time.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        await this.readMissing();
      } while (this.catchUpAgain && !this.destroyed);
    })().finally(() => {
      this.catchingUp = null;
      if (this.hasHole) this.scheduleCatchUp();
    });
    return this.catchingUp;
  }

  private async readMissing(): Promise<void> {
    try {
      const from = this.appliedSeq;
      const updates = await this.options.store.updatesAfter(this.policyId, from);
      if (this.destroyed) return;
      if (updates) {
        for (const { seq, update } of updates) this.applyStored(seq, update);
        return;
      }
      const stored = await this.options.store.load(this.policyId);
      if (!stored || this.destroyed) return;
      if (stored.compactedSeq > this.appliedSeq) this.applyStored(stored.compactedSeq, stored.state, true);
      for (const { seq, update } of stored.updates) this.applyStored(seq, update);
    } catch (error) {
      this.options.log.warn({ err: error, policyId: this.policyId }, "could not read the draft's missing updates; trying again");
    }
  }

  /** Applies an update read from the store, in its turn (or a snapshot covering everything up to `seq`). */
  private applyStored(seq: number, update: Uint8Array, snapshot = false): void {
    if (seq <= this.appliedSeq) return;
    if (seq !== this.appliedSeq + 1 && !snapshot) return;
    const waiting = this.waiting.get(seq);
    this.waiting.delete(seq);
    this.applyCommitted(snapshot ? update : (waiting?.update ?? update), seq, waiting?.origin ?? remoteOrigin, snapshot);
    waiting?.applied();
    this.applyWaiting();
  }

  /**
   * The one place where "committed, now relay" happens: a committed update is applied to the server's
   * document, which relays it to every peer but `origin`, and counted towards the next compaction.
   * Updates reach it in sequence order (`applyInOrder`), this process's own and, with several processes,
   * the others' (heard through the relay or read from the store); the connections do not change.
   */
  private applyCommitted(update: Uint8Array, seq: number, origin: DocumentPeer | null | typeof remoteOrigin, snapshot = false): void {
    Y.applyUpdate(this.ydoc, update, origin);
    this.markApplied(seq, snapshot);
    this.updatesSinceCompaction++;
    if (this.updatesSinceCompaction >= this.options.compactAfterUpdates) void this.compact();
  }

  /**
   * Moves `appliedSeq`: to `seq` when it is the next (or a snapshot covers everything up to it), then on
   * over this process's commits already applied ahead; a commit of this process above the next is noted.
   */
  private markApplied(seq: number, snapshot: boolean): void {
    if (seq === this.appliedSeq + 1 || (snapshot && seq > this.appliedSeq)) {
      this.appliedSeq = seq;
      for (const ahead of this.appliedAhead) if (ahead <= this.appliedSeq) this.appliedAhead.delete(ahead);
      while (this.appliedAhead.delete(this.appliedSeq + 1)) this.appliedSeq++;
    } else if (seq > this.appliedSeq) this.appliedAhead.add(seq);
  }

  /** Resolves once every update appended so far is committed and applied, or failed. */
  whenWritten(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.writtenWaiters.push(resolve));
  }

  /** Commits everything queued (retrying as usual) and applies it, then refuses new updates (shutdown). */
  async closeWrites(): Promise<void> {
    await this.updateLog.close();
    await this.whenWritten();
  }

  /** Refuses every update from now on (a document loaded after shutdown began). */
  refuseWrites(): void {
    this.updateLog.closeNow();
  }

  /**
   * Folds the committed updates into the stored snapshot. One compaction at a time: a call while one
   * runs waits for it. A failure loses nothing (the log still holds every update); the next one retries.
   */
  compact(): Promise<void> {
    this.compacting ??= this.fold().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async fold(): Promise<void> {
    if (this.updatesSinceCompaction === 0) return;
    // The state and its sequence number are taken together, synchronously: they describe the same moment.
    const state = Y.encodeStateAsUpdate(this.ydoc);
    const throughSeq = this.appliedSeq;
    const folded = this.updatesSinceCompaction;
    try {
      await this.options.store.compact(this.policyId, state, throughSeq);
      this.updatesSinceCompaction = Math.max(0, this.updatesSinceCompaction - folded);
    } catch (error) {
      this.options.log.warn({ err: error, policyId: this.policyId }, "draft compaction failed");
    }
  }

  /** Sends a message to every peer on this document (Accord events such as "comments changed"). */
  broadcast(message: Uint8Array): void {
    for (const peer of this.peers) peer.send(message);
  }

  /** Who holds an awareness client id, as seen from one peer. */
  /**
   * Who holds an awareness client id, as seen from one peer. A state published on another process is
   * free to take, as the peer's first claim, for the same person (`askerUserId`, from the session): the
   * client that reconnected here after that process stopped, which keeps its client id. For anyone
   * else it is another's.
   */
  awarenessOwnerOf(clientId: number, asker: DocumentPeer, askerUserId?: string): AwarenessOwner {
    const owner = this.awarenessOwners.get(clientId);
    if (!owner) return "none";
    // Only as the connection's first claim: a provider sends its own state first on connecting, and
    // later echoes everyone's, the same person's other tabs included, which must not move.
    if (owner === remotePeer && askerUserId !== undefined && ![...this.awarenessOwners.values()].includes(asker)) {
      const user = (this.awareness.getStates().get(clientId) as { user?: { userId?: unknown } } | undefined)?.user;
      if (user?.userId === askerUserId) return "none";
    }
    return owner === asker ? "self" : "other";
  }

  claimAwareness(clientIds: readonly number[], peer: DocumentPeer): void {
    for (const clientId of clientIds) {
      this.awarenessOwners.set(clientId, peer);
      // Taken over from another process: it is this process's now, and that one's word on it is ignored.
      this.remoteAwareness.delete(clientId);
    }
  }

  releaseAwareness(clientIds: readonly number[]): void {
    for (const clientId of clientIds) this.awarenessOwners.delete(clientId);
  }

  /** The awareness states of everyone now present, for a newly connected peer. */
  awarenessSnapshot(): Uint8Array | null {
    const clientIds = [...this.awareness.getStates().keys()];
    return clientIds.length > 0 ? encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clientIds)) : null;
  }

  /**
   * Presence published on another process (`processId`): applied here and sent to this process's peers,
   * never back. Its client ids belong to that process: no peer here may change or clear them.
   */
  receiveRemoteAwareness(update: Uint8Array, processId: string, clientIds: readonly number[]): void {
    const ownedHere = (clientId: number) => {
      const owner = this.awarenessOwners.get(clientId);
      return owner !== undefined && owner !== remotePeer;
    };
    for (const clientId of clientIds) {
      if (ownedHere(clientId)) continue;
      this.awarenessOwners.set(clientId, remotePeer);
      this.remoteAwareness.set(clientId, processId);
    }
    // A state a peer here holds (its client reconnected here) is not the other process's to change.
    const applied = clientIds.some(ownedHere) ? withoutAwarenessEntries(update, ownedHere) : update;
    if (applied) applyAwarenessUpdate(this.awareness, applied, remoteOrigin);
    // A state cleared there is gone: forget whose it was.
    const states = this.awareness.getStates();
    for (const clientId of clientIds) {
      if (states.has(clientId) || this.remoteAwareness.get(clientId) !== processId) continue;
      this.remoteAwareness.delete(clientId);
      this.awarenessOwners.delete(clientId);
    }
  }

  /** The processes whose presence is shown here (the relay checks that each is still alive). */
  remoteProcesses(): Set<string> {
    return new Set(this.remoteAwareness.values());
  }

  /** Removes the presence of a process that stopped (its heartbeat expired): its sockets are gone. */
  dropRemoteProcess(processId: string): void {
    const gone = [...this.remoteAwareness.entries()].filter(([, owner]) => owner === processId).map(([clientId]) => clientId);
    for (const clientId of gone) {
      this.remoteAwareness.delete(clientId);
      this.awarenessOwners.delete(clientId);
    }
    if (gone.length > 0) removeAwarenessStates(this.awareness, gone, remoteOrigin);
  }

  /** The awareness client ids of this process's own peers (what another process that asks is sent). */
  localAwarenessIds(): number[] {
    return [...this.awareness.getStates().keys()].filter((clientId) => !this.remoteAwareness.has(clientId));
  }

  /** Removes a peer and the presence it published. */
  detach(peer: DocumentPeer): void {
    this.peers.delete(peer);
    const owned = [...this.awarenessOwners.entries()].filter(([, owner]) => owner === peer).map(([clientId]) => clientId);
    this.releaseAwareness(owned);
    if (owned.length > 0) removeAwarenessStates(this.awareness, owned, "disconnect");
  }

  /** Stops the awareness timer and frees the document. */
  destroy(): void {
    this.destroyed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    for (const waiting of this.waiting.values()) waiting.applied();
    this.waiting.clear();
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

/** An awareness update without the entries of the client ids `drop` picks; null when none is left. */
function withoutAwarenessEntries(update: Uint8Array, drop: (clientId: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const kept: [number, number, string][] = [];
  const count = decoding.readVarUint(decoder);
  for (let index = 0; index < count; index++) {
    const entry: [number, number, string] = [decoding.readVarUint(decoder), decoding.readVarUint(decoder), decoding.readVarString(decoder)];
    if (!drop(entry[0])) kept.push(entry);
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const [clientId, clock, state] of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/** True for the state vector of a client that has nothing yet (no writers: one varint, 0). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}
