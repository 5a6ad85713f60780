import type { Kysely } from "kysely";
import { hashPassword } from "../auth/passwords.js";
import { countAccounts, insertAccount } from "../storage/accounts.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";

/**
 * Creates the first facilitator of a production database from ACCORD_BOOTSTRAP_EMAIL and
 * ACCORD_BOOTSTRAP_PASSWORD. Does nothing once any account exists. Returns whether it created one.
 */
export async function bootstrapFacilitator(
  db: Kysely<Database>,
  facilitator: { email: string; password: string; displayName: string },
  now: Date,
): Promise<boolean> {
  if ((await countAccounts(db)) > 0) return false;
  const passwordHash = await hashPassword(facilitator.password);
  return db.transaction().execute(async (trx) => {
    if ((await countAccounts(trx)) > 0) return false;
    const account = await insertAccount(trx, {
      id: crypto.randomUUID(),
      email: facilitator.email,
      display_name: facilitator.displayName,
      password_hash: passwordHash,
      is_facilitator: true,
      created_at: now,
      password_changed_at: now,
    });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: null,
      action: "account.created",
      subjectType: "account",
      subjectId: account.id,
      payload: { email: account.email, displayName: account.display_name, isFacilitator: true, bootstrap: true },
    });
    return true;
  });
}
