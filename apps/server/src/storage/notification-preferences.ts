import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** A person's e-mail choices by kind; a kind missing from the map was never chosen (e-mail on). */
export async function findEmailChoices(db: Kysely<Database>, userId: string): Promise<Map<string, boolean>> {
  const rows = await db.selectFrom("notification_email_preferences").select(["kind", "email"]).where("user_id", "=", userId).execute();
  return new Map(rows.map((row) => [row.kind, row.email]));
}

/** Records a person's e-mail choices (each kind once), replacing earlier choices for the same kinds. */
export async function saveEmailChoices(
  db: Kysely<Database>,
  userId: string,
  choices: ReadonlyMap<string, boolean>,
  now: Date,
): Promise<void> {
  if (choices.size === 0) return;
  await db
    .insertInto("notification_email_preferences")
    .values([...choices].map(([kind, email]) => ({ user_id: userId, kind, email, updated_at: now })))
    .onConflict((conflict) =>
      conflict
        .columns(["user_id", "kind"])
        .doUpdateSet((eb) => ({ email: eb.ref("excluded.email"), updated_at: eb.ref("excluded.updated_at") })),
    )
    .execute();
}

/** Of the given people, those who turned e-mail off for this kind of notification. */
export async function findEmailOptOuts(db: Kysely<Database>, userIds: readonly string[], kind: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("notification_email_preferences")
    .select("user_id")
    .where("user_id", "in", [...userIds])
    .where("kind", "=", kind)
    .where("email", "=", false)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}
