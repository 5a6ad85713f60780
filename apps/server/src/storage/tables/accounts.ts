// The tables of the accounts aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/accounts.ts` builds its
// row types and queries on them.

import type { Generated } from "kysely";

/** The `users` table: one row per account. Emails are stored lowercased. */
export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_facilitator: Generated<boolean>;
  disabled_at: Date | null;
  created_at: Date;
  password_changed_at: Date;
  /** The affiliation the new-policy flow fills in for this person; null when none was set. */
  default_affiliation: Generated<string | null>;
}
