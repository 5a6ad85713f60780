import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "./database.js";
import type { SessionsTable } from "./tables/sessions.js";

export type SessionRow = Selectable<SessionsTable>;

/** A session joined with the account it belongs to. */
export interface SessionWithAccount extends SessionRow {
  email: string;
  display_name: string;
  is_facilitator: boolean;
  disabled_at: Date | null;
}

/** The columns of a session joined with its account (`SessionWithAccount`), for every read of one. */
export const sessionWithAccountColumns = [
  "sessions.id",
  "sessions.user_id",
  "sessions.created_at",
  "sessions.last_seen_at",
  "users.email",
  "users.display_name",
  "users.is_facilitator",
  "users.disabled_at",
] as const;

export async function insertSession(db: Kysely<Database>, session: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSessionWithAccount(db: Kysely<Database>, id: string): Promise<SessionWithAccount | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(sessionWithAccountColumns)
    .where("sessions.id", "=", id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: string, lastSeenAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: lastSeenAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of the account, or every one but `keepId`. Returns how many ended. */
export async function deleteSessionsOfAccount(db: Kysely<Database>, userId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepId) query = query.where("id", "!=", keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions that can no longer be valid (idle or too old), to keep the table small. */
export async function deleteExpiredSessions(db: Kysely<Database>, idleBefore: Date, createdBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("last_seen_at", "<", idleBefore), eb("created_at", "<", createdBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
