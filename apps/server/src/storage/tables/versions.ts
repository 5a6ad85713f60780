// The tables of the versions aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/versions.ts` builds its
// row types and queries on them.

/** The `policy_versions` table: immutable snapshots of a draft (the database refuses changes). */
export interface PolicyVersionsTable {
  id: string;
  policy_id: string;
  number: number;
  label: string;
  note: string;
  author_id: string | null;
  created_at: Date;
  /** The canonical JSON text: exactly the bytes `content_hash` covers. */
  canonical_json: string;
  content_hash: string;
  /** The Yjs state of the draft when it was saved. */
  yjs_state: Uint8Array;
  word_count: number;
  words_added: number;
  words_removed: number;
}
