import * as Y from "yjs";
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { encodeAwarenessMessage, encodeSyncUpdate, type AwarenessOwner } from "@accord/collab";
import type { DraftStore, DraftWrite, StoredDraft } from "../storage/drafts.js";
import { UpdateLog, type CollabLog, type RetryDelays } from "./update-log.js";

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
}

/** The rows a server-made change commits in the transaction of its update (its audit record, decisions). */
export type RowsWithUpdate = Pick<DraftWrite, "audit" | "alsoWrite">;

/**
 * One loaded draft, and the one owner of its update path: append → commit → apply → relay → compact.
 * It holds the Yjs document with exactly what is committed, its awareness (presence), the connections
 * editing it, and its own update log; storage is the `DraftStore` port. Knows nothing of sockets or
 * HTTP; the registry loads and unloads it, connections and live drafts hand it their updates.
 */
export class CollabDocument {
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
  private readonly updateLog: UpdateLog;
  /** Waiting for `inFlight` to empty (an unload, a shutdown). */
  private writtenWaiters: (() => void)[] = [];
  /** Which connection introduced each awareness client id: only it may change or clear that state. */
  private readonly awarenessOwners = new Map<number, DocumentPeer>();

  constructor(
    readonly policyId: string,
    stored: StoredDraft,
    private readonly options: CollabDocumentOptions,
  ) {
    this.updateLog = new UpdateLog((writes) => options.store.append(writes), options.log, options.retryDelayMs);
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
      const message = encodeSyncUpdate(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed];
      const message = encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
      for (const peer of this.peers) peer.send(message);
    });
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
      const seq = await this.updateLog.append({ policyId: this.policyId, update, ...rows });
      this.applyCommitted(update, seq, origin);
      return seq;
    } finally {
      this.inFlight.delete(update);
      if (this.inFlight.size === 0) for (const waiter of this.writtenWaiters.splice(0)) waiter();
    }
  }

  /**
   * The one place where "committed, now relay" happens: a committed update is applied to the server's
   * document, which relays it to every peer but `origin`, and counted towards the next compaction.
   * Updates reach it in sequence order (the update log resolves in commit order). A relay between
   * processes would publish (policy, seq, update) from here, and feed another process's committed
   * updates in through here too, in sequence order; the connections would not change.
   */
  private applyCommitted(update: Uint8Array, seq: number, origin: DocumentPeer | null): void {
    Y.applyUpdate(this.ydoc, update, origin);
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
    if (this.updatesSinceCompaction >= this.options.compactAfterUpdates) void this.compact();
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
  awarenessOwnerOf(clientId: number, asker: DocumentPeer): AwarenessOwner {
    const owner = this.awarenessOwners.get(clientId);
    if (!owner) return "none";
    return owner === asker ? "self" : "other";
  }

  claimAwareness(clientIds: readonly number[], peer: DocumentPeer): void {
    for (const clientId of clientIds) this.awarenessOwners.set(clientId, peer);
  }

  releaseAwareness(clientIds: readonly number[]): void {
    for (const clientId of clientIds) this.awarenessOwners.delete(clientId);
  }

  /** The awareness states of everyone now present, for a newly connected peer. */
  awarenessSnapshot(): Uint8Array | null {
    const clientIds = [...this.awareness.getStates().keys()];
    return clientIds.length > 0 ? encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clientIds)) : null;
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
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
