import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database } from "./database.js";
import type { AccountsTable } from "./tables/accounts.js";

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;

/** Emails compare without case and surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findAccountByEmail(db: Kysely<Database>, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export async function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db.selectFrom("users").selectAll().orderBy("display_name").orderBy("email").execute();
}

export async function insertAccount(db: Kysely<Database>, account: NewAccountRow): Promise<AccountRow> {
  return db
    .insertInto("users")
    .values({ ...account, email: normaliseEmail(account.email) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAccount(db: Kysely<Database>, id: string, update: AccountUpdate): Promise<AccountRow> {
  return db.updateTable("users").set(update).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

/** How many facilitators could still sign in, not counting the one given. */
export async function countOtherActiveFacilitators(db: Kysely<Database>, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("is_facilitator", "=", true)
    .where("disabled_at", "is", null)
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The accounts with these ids (those that exist), in no particular order. */
export async function findAccountsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("users").selectAll().where("id", "in", ids).execute();
}
