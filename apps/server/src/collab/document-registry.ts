import type { FastifyBaseLogger } from "fastify";
import * as Y from "yjs";
import { CollabDocument, type DocumentPeer } from "./collab-document.js";
import type { UpdateLog } from "./update-log.js";
import type { StoredDraft } from "../storage/drafts.js";

/** How documents are read and folded: the persistence port, injected so tests can make it fail. */
export interface DraftPersistence {
  /** The stored draft with the sequence number its snapshot covers, or undefined when none exists. */
  load(policyId: string): Promise<(StoredDraft & { compactedSeq: number }) | undefined>;
  /** Replaces the snapshot by `state`, which covers every update up to `throughSeq`. */
  compact(policyId: string, state: Uint8Array, throughSeq: number): Promise<void>;
}

interface RegistryEntry {
  loading: Promise<CollabDocument>;
  document?: CollabDocument;
  /** Set while the last peer has left and the document waits for its writes before unloading. */
  unloading?: Promise<void>;
}

/**
 * Loads each draft once, however many clients arrive at once; keeps it while anyone is connected; and
 * unloads it after the last one leaves and its writes are committed, leaving no document, timer or
 * listener behind. A failed load is not remembered and never writes: the next client simply tries again.
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, RegistryEntry>();
  private compacting = new Set<string>();

  constructor(
    private readonly persistence: DraftPersistence,
    private readonly updateLog: UpdateLog,
    private readonly log: FastifyBaseLogger,
    private readonly compactAfterUpdates: number,
  ) {}

  /** The document of a policy, loading it if needed, with the peer attached. */
  async attach(policyId: string, peer: DocumentPeer): Promise<CollabDocument> {
    for (;;) {
      const entry = this.entryFor(policyId);
      const document = await entry.loading;
      // The document may have been unloaded while this waited: then load it afresh.
      if (this.entries.get(policyId) !== entry) continue;
      document.peers.add(peer);
      return document;
    }
  }

  private entryFor(policyId: string): RegistryEntry {
    const existing = this.entries.get(policyId);
    if (existing) return existing;
    const entry: RegistryEntry = { loading: this.load(policyId) };
    this.entries.set(policyId, entry);
    entry.loading.then(
      (document) => {
        entry.document = document;
      },
      () => {
        // Forget the failure so the next client retries the load.
        if (this.entries.get(policyId) === entry) this.entries.delete(policyId);
      },
    );
    return entry;
  }

  /** Detaches a peer; the last one out starts the unload. */
  detach(document: CollabDocument, peer: DocumentPeer): void {
    document.detach(peer);
    if (document.peers.size === 0) void this.unloadWhenIdle(document);
  }

  /** The loaded document of a policy, if it is loaded. */
  peek(policyId: string): CollabDocument | undefined {
    return this.entries.get(policyId)?.document;
  }

  /** How many documents are loaded (for tests and metrics). */
  get loadedCount(): number {
    return this.entries.size;
  }

  /** Every loaded document. */
  documents(): CollabDocument[] {
    return [...this.entries.values()].flatMap((entry) => (entry.document ? [entry.document] : []));
  }

  /** Folds the document's committed updates into the stored snapshot, once at a time per document. */
  async compact(document: CollabDocument): Promise<void> {
    if (this.compacting.has(document.policyId) || document.updatesSinceCompaction === 0) return;
    this.compacting.add(document.policyId);
    // The state and its sequence number are taken together, synchronously: they describe the same moment.
    const state = Y.encodeStateAsUpdate(document.ydoc);
    const throughSeq = document.appliedSeq;
    const folded = document.updatesSinceCompaction;
    try {
      await this.persistence.compact(document.policyId, state, throughSeq);
      document.updatesSinceCompaction = Math.max(0, document.updatesSinceCompaction - folded);
    } catch (error) {
      // Nothing is lost: the log still holds every update. The next compaction tries again.
      this.log.warn({ err: error, policyId: document.policyId }, "draft compaction failed");
    } finally {
      this.compacting.delete(document.policyId);
    }
  }

  /** Compacts when enough updates have gathered since the last time. */
  compactIfDue(document: CollabDocument): void {
    if (document.updatesSinceCompaction >= this.compactAfterUpdates) void this.compact(document);
  }

  /** Unloads every document (at shutdown, after the sockets are closed and the log is drained). */
  async unloadAll(): Promise<void> {
    for (const document of this.documents()) {
      await this.compact(document);
      document.destroy();
    }
    this.entries.clear();
  }

  private async load(policyId: string): Promise<CollabDocument> {
    const stored = await this.persistence.load(policyId);
    if (!stored) throw new Error(`The policy ${policyId} has no stored draft.`);
    return new CollabDocument(policyId, stored, stored.compactedSeq);
  }

  private async unloadWhenIdle(document: CollabDocument): Promise<void> {
    const entry = this.entries.get(document.policyId);
    if (!entry || entry.document !== document || entry.unloading) return;
    entry.unloading = (async () => {
      // Writes still in flight must land first: unloading earlier could load a stale copy next time.
      while (this.updateLog.pendingFor(document.policyId) > 0) await this.updateLog.whenIdle();
      await this.compact(document);
    })();
    await entry.unloading;
    entry.unloading = undefined;
    // Someone may have arrived while we waited: then the document stays.
    if (document.peers.size > 0 || this.entries.get(document.policyId) !== entry) return;
    this.entries.delete(document.policyId);
    document.destroy();
  }
}
