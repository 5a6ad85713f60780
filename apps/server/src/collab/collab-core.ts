import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { createDraftStore, type DraftStore } from "../storage/drafts.js";
import { DocumentRegistry } from "./document-registry.js";
import { LiveDrafts } from "./live-drafts.js";
import type { CollabLog } from "./update-log.js";

/** The collaboration server's state, shared by the WebSocket transport and the use cases. */
export interface CollabCore {
  registry: DocumentRegistry;
  liveDrafts: LiveDrafts;
}

/** Wires the registry (whose documents own the update path) and the live-draft port over the draft store. */
export function createCollabCore(options: {
  db: Kysely<Database>;
  log: CollabLog;
  now: () => Date;
  compactAfterUpdates: number;
  /** Wraps the draft store over the database (tests delay it or make it fail). */
  wrapDraftStore?: (store: DraftStore) => DraftStore;
}): CollabCore {
  const databaseStore = createDraftStore(options.db, options.now);
  const store = options.wrapDraftStore ? options.wrapDraftStore(databaseStore) : databaseStore;
  const registry = new DocumentRegistry({ store, log: options.log, compactAfterUpdates: options.compactAfterUpdates });
  return { registry, liveDrafts: new LiveDrafts(options.db, registry) };
}
