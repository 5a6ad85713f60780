import type { Kysely } from "kysely";
import type * as Y from "yjs";
import type { AuditRecord } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";

/**
 * The drafts as use cases see them: what is committed now, and server-made changes (a restore, a
 * decision on suggestions) that go through the same path as every client's edit (committed first, then
 * applied and relayed live), so connected editors see them at once and nobody's session breaks.
 *
 * A port owned by the use cases: the collaboration server implements it (`collab/live-drafts.ts`), and
 * the use cases never import the collaboration server.
 */
export interface LiveDrafts {
  /** The committed Yjs state of a draft: the loaded document's, or the stored one's. */
  committedState(policyId: string): Promise<Uint8Array | undefined>;

  /**
   * Applies a change made by the server as one forward Yjs update: computed on a copy of the committed
   * document, committed with its audit record, then applied and relayed. Resolves false (and records
   * nothing) when the change changes nothing. An error thrown by `change` refuses the whole change.
   *
   * `audit` may be a function, called after `change`, when the record depends on what the change found
   * in the document; `alsoWrite` writes more rows in the same transaction as the update and its record
   * (null `audit`: `alsoWrite` writes the audit records itself, when one depends on rows it writes). It
   * runs again if the write is retried, so it must write the same rows each time it is called.
   *
   * Server changes to one policy run one at a time, each from building to applying its committed update.
   */
  applyServerChange(
    policyId: string,
    change: (doc: Y.Doc) => void,
    audit: AuditRecord | (() => AuditRecord) | null,
    alsoWrite?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<boolean>;
}
