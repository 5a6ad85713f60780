import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { appendDraftUpdates, compactDraft, loadStoredDraft } from "../storage/drafts.js";
import { DocumentRegistry, type DraftPersistence } from "./document-registry.js";
import { LiveDrafts } from "./live-drafts.js";
import { UpdateLog, type AppendUpdates } from "./update-log.js";

/** The collaboration server's state, shared by the WebSocket transport and the use cases. */
export interface CollabCore {
  registry: DocumentRegistry;
  updateLog: UpdateLog;
  liveDrafts: LiveDrafts;
}

/** Wires the registry, the update log and the live-draft port over the database (or injected ports). */
export function createCollabCore(options: {
  db: Kysely<Database>;
  log: FastifyBaseLogger;
  now: () => Date;
  compactAfterUpdates: number;
  persistence?: DraftPersistence;
  appendUpdates?: AppendUpdates;
}): CollabCore {
  const { db } = options;
  const persistence: DraftPersistence = options.persistence ?? {
    load: async (policyId) => {
      const stored = await loadStoredDraft(db, policyId);
      if (!stored) return undefined;
      const row = await db.selectFrom("draft_documents").select("compacted_seq").where("policy_id", "=", policyId).executeTakeFirst();
      return { ...stored, compactedSeq: Number(row?.compacted_seq ?? 0) };
    },
    compact: (policyId, state, throughSeq) => compactDraft(db, policyId, state, throughSeq, options.now()),
  };
  const updateLog = new UpdateLog(options.appendUpdates ?? ((rows) => appendDraftUpdates(db, rows)), options.log);
  const registry = new DocumentRegistry(persistence, updateLog, options.log, options.compactAfterUpdates);
  return { registry, updateLog, liveDrafts: new LiveDrafts(db, registry, updateLog) };
}
