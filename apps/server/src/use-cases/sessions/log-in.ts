import { AccordError } from "@accord/domain";
import { issueSession, type IssuedSession } from "../../auth/sessions.js";
import { verifyDecoyPassword, verifyPassword } from "../../auth/passwords.js";
import { throttleAddressKey } from "../../auth/throttle-address.js";
import { findAccountByEmail, normaliseEmail, type AccountRow } from "../../storage/accounts.js";
import type { UseCaseContext } from "../context.js";

export interface LogInInput {
  email: string;
  password: string;
  /** The client's address, for the throttle (per address, and per account and address). */
  address: string;
}

/**
 * Signs a person in with email and password and starts a new session. Wrong email, wrong password and
 * a disabled account all get the same answer, in the same time, so nothing tells which accounts exist.
 */
export async function logIn(ctx: UseCaseContext, input: LogInInput): Promise<{ session: IssuedSession; account: AccountRow }> {
  const accountKey = normaliseEmail(input.email);
  // Counted as a failure from here on, unless it succeeds: parallel guesses cannot outrun the count.
  const attempt = await ctx.loginThrottle.begin({ accountKey, address: throttleAddressKey(input.address) });

  const account = await findAccountByEmail(ctx.db, accountKey);
  const usable = account !== undefined && account.disabled_at === null;
  const passwordMatches = usable ? await verifyPassword(account.password_hash, input.password) : await verifyDecoyPassword(input.password);
  if (!usable || !passwordMatches) throw new AccordError("invalid_credentials");

  await attempt.succeeded();
  const session = await issueSession(ctx.db, account.id, ctx.now(), ctx.sessionLifetime);
  return { session, account };
}
