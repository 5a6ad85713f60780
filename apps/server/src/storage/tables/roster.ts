// The tables of the roster aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/roster.ts` builds its row
// types and queries on them.

/** The `roster_people` table: the department's people, each an account with a unit and a supervisor. */
export interface RosterPeopleTable {
  user_id: string;
  unit: string;
  /** The supervisor's account, told when the person's acknowledgement is overdue; null for none. */
  supervisor_id: string | null;
  added_at: Date;
  updated_at: Date;
}

/** The `password_setup_tokens` table: links to set a first password (only the token's SHA-256 is kept). */
export interface PasswordSetupTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}
