import * as Y from "yjs";
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { encodeAwarenessMessage, encodeSyncUpdate, type AwarenessOwner } from "@accord/collab";
import type { StoredDraft } from "../storage/drafts.js";

/** What a document needs of a connection: an id, and a way to send it bytes. */
export interface DocumentPeer {
  readonly id: number;
  send(message: Uint8Array): void;
}

/**
 * One loaded draft: the Yjs document holding exactly what is committed, its awareness (presence), and
 * the connections editing it. Knows nothing of sockets or HTTP; the registry loads and unloads it.
 */
export class CollabDocument {
  readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  readonly peers = new Set<DocumentPeer>();
  /** The sequence number of the last committed update applied here (what a compaction covers). */
  appliedSeq: number;
  /** Committed updates since the last compaction. */
  updatesSinceCompaction = 0;
  /**
   * Updates appended to the update log but not yet applied here, from every connection and from the
   * server's own changes, in the order they will commit. A client's update may build on them, and lands
   * after them: it is inspected, and a suggest-only one judged, against them too (an accept being
   * committed makes its text plain, for instance).
   */
  readonly inFlight = new Set<Uint8Array>();
  /** Which connection introduced each awareness client id: only it may change or clear that state. */
  private readonly awarenessOwners = new Map<number, DocumentPeer>();

  constructor(
    readonly policyId: string,
    stored: StoredDraft,
    compactedSeq: number,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    Y.applyUpdate(this.ydoc, stored.state);
    for (const { update } of stored.updates) Y.applyUpdate(this.ydoc, update);
    this.appliedSeq = stored.updates.at(-1)?.seq ?? compactedSeq;
    this.updatesSinceCompaction = stored.updates.length;

    // Relay: only committed updates are ever applied here, so everything relayed is already stored.
    this.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = encodeSyncUpdate(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const changed = [...added, ...updated, ...removed];
        const message = encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
        for (const peer of this.peers) peer.send(message);
      },
    );
  }

  /**
   * Commits an update through `append` (the update log), then applies it here; it is in flight
   * meanwhile, and dropped from there if the append fails. Resolves with its sequence number.
   */
  async commit(update: Uint8Array, origin: DocumentPeer | null, append: () => Promise<number>): Promise<number> {
    // Added before `append` is called, in the same synchronous step: the set keeps the log's order.
    this.inFlight.add(update);
    try {
      const seq = await append();
      this.applyCommitted(update, seq, origin);
      return seq;
    } finally {
      this.inFlight.delete(update);
    }
  }

  /** Applies an update that is committed; relays it to every peer but the one it came from. */
  applyCommitted(update: Uint8Array, seq: number, origin: DocumentPeer | null): void {
    Y.applyUpdate(this.ydoc, update, origin);
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    this.updatesSinceCompaction++;
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
