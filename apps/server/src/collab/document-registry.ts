import { CollabDocument, type CollabDocumentOptions, type DocumentPeer } from "./collab-document.js";
import { UpdateLog } from "./update-log.js";

/** What the registry is built with: its documents' options, and how its shared update log writes. */
export interface DocumentRegistryOptions extends Omit<CollabDocumentOptions, "updateLog"> {
  /** How many batches of updates may be committed at once (1 unless given; see `UpdateLogOptions`). */
  commitBatchesInFlight?: number;
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
  /** Set once shutdown has committed every document's writes: a document loaded later refuses updates. */
  private writesClosed = false;

  /** What each document is built with: the registry's options and its one update log. */
  private readonly options: CollabDocumentOptions;

  /**
   * `options.store` is where drafts are loaded from and committed to. Every document commits through one
   * update log, so that updates of different drafts arriving together commit in one transaction.
   */
  constructor({ commitBatchesInFlight, ...options }: DocumentRegistryOptions) {
    const updateLog = new UpdateLog((writes) => options.store.append(writes), options.log, {
      ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
      ...(commitBatchesInFlight ? { batchesInFlight: commitBatchesInFlight } : {}),
    });
    this.options = { ...options, updateLog };
  }

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

  /** Whether other processes write the same drafts (a relay is configured). */
  get shared(): boolean {
    return this.options.relay !== undefined;
  }

  /** How many documents are loaded (for tests and metrics). */
  get loadedCount(): number {
    return this.entries.size;
  }

  /** Every loaded document. */
  documents(): CollabDocument[] {
    return [...this.entries.values()].flatMap((entry) => (entry.document ? [entry.document] : []));
  }

  /**
   * Shutdown, after the sockets are closed: commits what every loaded document has queued (retrying as
   * usual), then refuses new updates, also on a document loaded meanwhile.
   */
  async closeWrites(): Promise<void> {
    await Promise.all(this.documents().map((document) => document.closeWrites()));
    this.writesClosed = true;
    await Promise.all(this.documents().map((document) => document.closeWrites()));
  }

  /** Unloads every document, each folded into its snapshot (at shutdown, after `closeWrites`). */
  async unloadAll(): Promise<void> {
    for (const document of this.documents()) {
      await document.compact();
      this.options.relay?.close(document.policyId, document);
      document.destroy();
    }
    this.entries.clear();
  }

  private async load(policyId: string): Promise<CollabDocument> {
    const { relay } = this.options;
    // With several processes: hear of the draft's commits first, then load it (see DocumentRelay.open).
    await relay?.open(policyId);
    let document: CollabDocument;
    try {
      const stored = await this.options.store.load(policyId);
      if (!stored) throw new Error(`The policy ${policyId} has no stored draft.`);
      document = new CollabDocument(policyId, stored, this.options);
    } catch (error) {
      relay?.close(policyId, null);
      throw error;
    }
    if (this.writesClosed) document.refuseWrites();
    relay?.attach(document);
    return document;
  }

  private async unloadWhenIdle(document: CollabDocument): Promise<void> {
    const entry = this.entries.get(document.policyId);
    if (!entry || entry.document !== document || entry.unloading) return;
    entry.unloading = (async () => {
      // Writes still in flight must land first: unloading earlier could load a stale copy next time.
      await document.whenWritten();
      await document.compact();
    })();
    await entry.unloading;
    entry.unloading = undefined;
    // Someone may have arrived while we waited: then the document stays.
    if (document.peers.size > 0 || this.entries.get(document.policyId) !== entry) return;
    this.entries.delete(document.policyId);
    this.options.relay?.close(document.policyId, document);
    document.destroy();
  }
}
