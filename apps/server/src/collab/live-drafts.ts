import type { Kysely } from "kysely";
import * as Y from "yjs";
import type { AuditRecord } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";
import { findDraftState } from "../storage/drafts.js";
import type { DocumentPeer } from "./collab-document.js";
import type { DocumentRegistry } from "./document-registry.js";
import type { UpdateLog, WriteWithUpdate } from "./update-log.js";

let nextServerPeerId = -1;

/**
 * The drafts as use cases see them: what is committed now, and server-made changes (a restore, a
 * decision on suggestions) that go through the same path as every client's edit (committed first, then
 * applied and relayed live), so connected editors see them at once and nobody's session breaks.
 */
export class LiveDrafts {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: DocumentRegistry,
    private readonly updateLog: UpdateLog,
  ) {}

  /** The committed Yjs state of a draft: the loaded document's, or the stored one's. */
  async committedState(policyId: string): Promise<Uint8Array | undefined> {
    const live = this.registry.peek(policyId);
    if (live) return Y.encodeStateAsUpdate(live.ydoc);
    return findDraftState(this.db, policyId);
  }

  /**
   * Applies a change made by the server as one forward Yjs update: computed on a copy of the committed
   * document, committed with its audit record, then applied and relayed. Returns false (and records
   * nothing) when the change changes nothing. An error thrown by `change` refuses the whole change.
   *
   * `audit` may be a function, called after `change`, when the record depends on what the change found
   * in the document; `alsoWrite` writes more rows in the same transaction as the update and its record.
   */
  async applyServerChange(
    policyId: string,
    change: (doc: Y.Doc) => void,
    audit: AuditRecord | (() => AuditRecord),
    alsoWrite?: WriteWithUpdate,
  ): Promise<boolean> {
    const peer: DocumentPeer = { id: nextServerPeerId--, send: () => undefined };
    const document = await this.registry.attach(policyId, peer);
    try {
      const copy = new Y.Doc();
      const updates: Uint8Array[] = [];
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.ydoc));
        copy.on("update", (update: Uint8Array) => updates.push(update));
        copy.transact(() => change(copy));
      } finally {
        copy.destroy();
      }
      if (updates.length === 0) return false;
      const update = Y.mergeUpdates(updates);
      const seq = await this.updateLog.append(policyId, update, typeof audit === "function" ? audit() : audit, alsoWrite);
      document.applyCommitted(update, seq, null);
      this.registry.compactIfDue(document);
      return true;
    } finally {
      this.registry.detach(document, peer);
    }
  }
}
