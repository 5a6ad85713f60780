import type { RosterPerson } from "@accord/domain";
import type { Kysely } from "kysely";
import { findAccountByEmail, insertAccount } from "../../storage/accounts.js";
import type { Database } from "../../storage/database.js";
import { unsetPasswordHash, upsertRosterPerson } from "../../storage/roster.js";
import { assignNewcomer } from "../acknowledgements/assign-people.js";
import type { UseCaseContext } from "../context.js";
import { passwordSetupLinkDays, setPasswordPath } from "./password-setup-link.js";

/**
 * Puts one person on the roster in the caller's transaction: an account is made for someone new, with
 * no password (no password is ever mailed) and a link to set one, sent through the outbox; a known
 * account keeps its password. Open campaigns whose audience takes the person in assign them.
 */
export async function putOnRoster(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  actorId: string,
  person: RosterPerson & { supervisorId: string | null },
  now: Date,
): Promise<{ userId: string; created: boolean }> {
  let account = await findAccountByEmail(trx, person.email);
  const created = !account;
  if (!account) {
    account = await insertAccount(trx, {
      id: crypto.randomUUID(),
      email: person.email,
      display_name: person.displayName,
      password_hash: unsetPasswordHash,
      created_at: now,
      password_changed_at: now,
    });
    await queuePasswordSetupEmail(trx, ctx, actorId, account.id, now);
  } else if (account.display_name !== person.displayName) {
    await trx.updateTable("users").set({ display_name: person.displayName }).where("id", "=", account.id).execute();
  }
  await upsertRosterPerson(trx, { userId: account.id, unit: person.unit, supervisorId: person.supervisorId }, now);
  await assignNewcomer(trx, ctx, { userId: account.id, unit: person.unit }, actorId, now);
  return { userId: account.id, created };
}

/**
 * Queues the e-mail that lets the new account set its password. The notification stores no token: the
 * mailer issues the link as the e-mail goes out (`emailedPasswordSetupLinks`), so the token is never in
 * the database, only its hash.
 */
async function queuePasswordSetupEmail(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  actorId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await ctx.notifier.notify(
    trx,
    {
      recipientIds: [userId],
      actorId,
      kind: "account_invited",
      policyId: null,
      proposalId: null,
      title: "Your Accord account: set your password",
      body: `An account was made for you on Accord, for the policies you must read and acknowledge. Set your password with this link within ${passwordSetupLinkDays} days.`,
      link: setPasswordPath,
    },
    now,
  );
}
