// The tables of the drafts aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/drafts.ts` builds its
// row types and queries on them.

import type { Generated } from "kysely";

/**
 * The `draft_documents` table: each policy's live draft as a Yjs snapshot (`Y.encodeStateAsUpdate`)
 * that includes every logged update up to `compacted_seq`, and `last_seq`, the draft's last committed
 * `doc_seq` (whose bump numbers each commit, and whose row lock orders a draft's writers).
 */
export interface DraftDocumentsTable {
  policy_id: string;
  state: Uint8Array;
  compacted_seq: Generated<number | string>;
  last_seq: Generated<number | string>;
  updated_at: Date;
}

/**
 * The `draft_updates` table: committed updates not yet folded into the snapshot. `seq` is a global
 * identity (the row's key); `doc_seq` is the draft's own sequence, dense and committed in order (the
 * one the collaboration server counts in, and `compacted_seq` too).
 */
export interface DraftUpdatesTable {
  seq: Generated<number | string>;
  policy_id: string;
  doc_seq: number | string;
  update: Uint8Array;
  created_at: Generated<Date>;
}

/**
 * The `draft_clients` table: which account each Yjs client id of a draft belongs to, recorded the first
 * time a connection commits an update under it (a Yjs update names its client, never its person).
 */
export interface DraftClientsTable {
  policy_id: string;
  client_id: number | string;
  user_id: string;
  first_seen_at: Date;
}
