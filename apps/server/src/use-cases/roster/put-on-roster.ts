import type { RosterPerson } from "@accord/domain";
import type { Kysely } from "kysely";
import { generateSessionToken, sessionIdFromToken } from "../../auth/session-tokens.js";
import { findAccountByEmail, insertAccount } from "../../storage/accounts.js";
import type { Database } from "../../storage/database.js";
import { insertPasswordSetupToken, unsetPasswordHash, upsertRosterPerson } from "../../storage/roster.js";
import { assignNewcomer } from "../acknowledgements/assign-people.js";
import type { UseCaseContext } from "../context.js";

/** How long a link to set a first password works. */
export const passwordSetupLinkDays = 14;

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
    await sendPasswordSetupLink(trx, ctx, actorId, account.id, now);
  } else if (account.display_name !== person.displayName) {
    await trx.updateTable("users").set({ display_name: person.displayName }).where("id", "=", account.id).execute();
  }
  await upsertRosterPerson(trx, { userId: account.id, unit: person.unit, supervisorId: person.supervisorId }, now);
  await assignNewcomer(trx, ctx, { userId: account.id, unit: person.unit }, actorId, now);
  return { userId: account.id, created };
}

/** Stores a new set-password link for the account (its hash only) and mails it through the outbox. */
async function sendPasswordSetupLink(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  actorId: string,
  userId: string,
  now: Date,
): Promise<void> {
  const token = generateSessionToken();
  await insertPasswordSetupToken(trx, {
    token_hash: sessionIdFromToken(token),
    user_id: userId,
    created_at: now,
    expires_at: new Date(now.getTime() + passwordSetupLinkDays * 24 * 60 * 60 * 1000),
  });
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
      link: `/app/set-password?token=${token}`,
    },
    now,
  );
}
