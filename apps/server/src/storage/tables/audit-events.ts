// The tables of the audit-events aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/audit-events.ts` builds its
// row types and queries on them.

import type { JsonValue } from "@accord/domain";

/** The `audit_events` table: an append-only hash chain (the database refuses updates and deletes). */
export interface AuditEventsTable {
  seq: number | string | bigint;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  payload: { [key: string]: JsonValue };
  prev_hash: string;
  hash: string;
}
