// The tables of the sessions aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/sessions.ts` builds its
// row types and queries on them.

/** The `sessions` table. `id` is the SHA-256 of the session token: the token itself is never stored. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
}
