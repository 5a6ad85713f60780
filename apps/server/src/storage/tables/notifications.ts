// The tables of the notifications aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/notifications.ts` builds its
// row types and queries on them.

import type { Generated } from "kysely";

/** The `notifications` table: in-app notifications, and their e-mail delivery state (an outbox). */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  policy_id: string | null;
  proposal_id: string | null;
  title: string;
  body: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
  /** When what it asked for stopped being needed (its proposal was superseded): no longer new. */
  obsolete_at: Date | null;
  email_status: Generated<"pending" | "sent" | "skipped" | "failed">;
  email_attempts: Generated<number>;
  emailed_at: Date | null;
  /** Until when the mailer that claimed it holds it (the database's clock), or when it may be tried again. */
  email_claimed_until: Date | null;
  /** The process that claimed it last; null when free. */
  email_claimed_by: string | null;
}
