import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { createDraftStore, type DraftStore } from "../storage/drafts.js";
import type { DocumentRelay } from "./document-relay.js";
import { DocumentRegistry } from "./document-registry.js";
import { CollabLiveDrafts } from "./live-drafts.js";
import type { CollabLog } from "./update-log.js";

/** The collaboration server's state, shared by the WebSocket transport and the use cases. */
export interface CollabCore {
  registry: DocumentRegistry;
  liveDrafts: CollabLiveDrafts;
  /** The relay between processes, when there are several. */
  relay?: DocumentRelay;
}

/** Wires the registry (whose documents own the update path) and the live-draft port over the draft store. */
export function createCollabCore(options: {
  db: Kysely<Database>;
  log: CollabLog;
  now: () => Date;
  compactAfterUpdates: number;
  /** Wraps the draft store over the database (tests delay it or make it fail). */
  wrapDraftStore?: (store: DraftStore) => DraftStore;
  /**
   * With several processes: builds the relay between them over the draft store (it reads missed
   * updates from it). Commits are then also announced with PostgreSQL NOTIFY, the relay's fallback,
   * while the relay says so (Redis is down here).
   */
  relay?: (store: DraftStore) => DocumentRelay;
}): CollabCore {
  // The relay is built over the store, and the store asks the relay at each commit: it is found there once built.
  const built: { relay?: DocumentRelay } = {};
  const notify = options.relay ? () => built.relay?.announcesCommitsByDatabase ?? true : false;
  const databaseStore = createDraftStore(options.db, options.now, { notify });
  const store = options.wrapDraftStore ? options.wrapDraftStore(databaseStore) : databaseStore;
  const relay = options.relay?.(store);
  if (relay) built.relay = relay;
  const registry = new DocumentRegistry({
    store,
    log: options.log,
    compactAfterUpdates: options.compactAfterUpdates,
    ...(relay ? { relay } : {}),
  });
  return { registry, liveDrafts: new CollabLiveDrafts(options.db, registry), ...(relay ? { relay } : {}) };
}
