import type { Kysely } from "kysely";
import { generateSessionToken, sessionIdFromToken } from "../../auth/session-tokens.js";
import type { Database } from "../../storage/database.js";
import type { ClaimedEmail } from "../../storage/notifications.js";
import { insertPasswordSetupToken } from "../../storage/roster.js";

/** How long a link to set a first password works, from the moment it is e-mailed. */
export const passwordSetupLinkDays = 14;

/** The app's page where a new account sets its first password; the link in the e-mail adds the token. */
export const setPasswordPath = "/app/set-password";

/**
 * Makes a new link for the account to set its first password. Only the token's SHA-256 is stored, as for
 * sessions: whoever reads the database (a backup, a replica) cannot use the link; the token itself goes
 * into the e-mail and nowhere else.
 */
export async function issuePasswordSetupLink(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const token = generateSessionToken();
  await insertPasswordSetupToken(db, {
    token_hash: sessionIdFromToken(token),
    user_id: userId,
    created_at: now,
    expires_at: new Date(now.getTime() + passwordSetupLinkDays * 24 * 60 * 60 * 1000),
  });
  return `${setPasswordPath}?token=${token}`;
}

/**
 * The mailer's hook for links that are made as the e-mail goes out: an "account invited" notification
 * stores no token (its link is the bare page), and each e-mail of it carries a link issued right then.
 * Another attempt after a failed send issues another link; using any one voids them all.
 */
export function emailedPasswordSetupLinks(db: Kysely<Database>, now: () => Date): (email: ClaimedEmail) => Promise<string | null> {
  return async (email) => (email.kind === "account_invited" ? issuePasswordSetupLink(db, email.userId, now()) : null);
}
