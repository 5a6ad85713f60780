import type { Insertable, Kysely } from "kysely";
import type { Database } from "./database.js";
import type { PasswordSetupTokensTable } from "./tables/roster.js";

/** One person of the roster, with their account's e-mail and name and their supervisor's e-mail. */
export interface RosterPersonRow {
  userId: string;
  email: string;
  displayName: string;
  unit: string;
  supervisorId: string | null;
  supervisorEmail: string | null;
  supervisorName: string | null;
  /** Whether the account is switched off (such a person is never assigned or reminded). */
  disabled: boolean;
  /** Whether the person has set a password yet (an invited person has not). */
  passwordSet: boolean;
}

function rosterQuery(db: Kysely<Database>) {
  return db
    .selectFrom("roster_people")
    .innerJoin("users", "users.id", "roster_people.user_id")
    .leftJoin("users as supervisors", "supervisors.id", "roster_people.supervisor_id")
    .select([
      "roster_people.user_id as userId",
      "users.email as email",
      "users.display_name as displayName",
      "roster_people.unit as unit",
      "roster_people.supervisor_id as supervisorId",
      "supervisors.email as supervisorEmail",
      "supervisors.display_name as supervisorName",
      "users.disabled_at as disabledAt",
      "users.password_hash as passwordHash",
    ]);
}

type RosterQueryRow = Awaited<ReturnType<ReturnType<typeof rosterQuery>["executeTakeFirstOrThrow"]>>;

function toRosterPerson(row: RosterQueryRow): RosterPersonRow {
  const { disabledAt, passwordHash, ...rest } = row;
  return { ...rest, disabled: disabledAt !== null, passwordSet: passwordHash !== unsetPasswordHash };
}

/**
 * The password hash of an account whose person has not set a password yet: not a PHC string, so no
 * password ever matches it (verifyPassword counts a malformed hash as no match).
 */
export const unsetPasswordHash = "!unset";

/** The whole roster, by unit and name. */
export async function listRoster(db: Kysely<Database>): Promise<RosterPersonRow[]> {
  const rows = await rosterQuery(db).orderBy("roster_people.unit").orderBy("users.display_name").execute();
  return rows.map(toRosterPerson);
}

/** One person of the roster, or undefined when the account is not on it. */
export async function findRosterPerson(db: Kysely<Database>, userId: string): Promise<RosterPersonRow | undefined> {
  const row = await rosterQuery(db).where("roster_people.user_id", "=", userId).executeTakeFirst();
  return row && toRosterPerson(row);
}

/** Puts a person on the roster, or changes their unit and supervisor. */
export async function upsertRosterPerson(
  db: Kysely<Database>,
  person: { userId: string; unit: string; supervisorId: string | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto("roster_people")
    .values({ user_id: person.userId, unit: person.unit, supervisor_id: person.supervisorId, added_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict.column("user_id").doUpdateSet({ unit: person.unit, supervisor_id: person.supervisorId, updated_at: now }),
    )
    .execute();
}

/** Stores a link to set a first password (its token's SHA-256 only). */
export async function insertPasswordSetupToken(db: Kysely<Database>, token: Insertable<PasswordSetupTokensTable>): Promise<void> {
  await db.insertInto("password_setup_tokens").values(token).execute();
}

/** Takes a set-password link for use, locked: its account, or undefined when unknown, used or expired. */
export async function lockUsablePasswordSetupToken(
  trx: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<{ userId: string } | undefined> {
  const row = await trx
    .selectFrom("password_setup_tokens")
    .select("user_id")
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .forUpdate()
    .executeTakeFirst();
  return row && { userId: row.user_id };
}

/** Marks every unused set-password link of the account used (one was; the others are void with it). */
export async function usePasswordSetupTokens(trx: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await trx.updateTable("password_setup_tokens").set({ used_at: now }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}
