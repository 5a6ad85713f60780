import { AccordError } from "@accord/domain";
import { hashPassword } from "../../auth/passwords.js";
import { sessionIdFromToken } from "../../auth/session-tokens.js";
import { updateAccount } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { lockUsablePasswordSetupToken, usePasswordSetupTokens } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";

/**
 * Someone sets their password with the link the roster mailed them. The link works once, until it
 * expires; using it voids the account's other links. Sessions are not started here: they sign in next.
 */
export async function setPasswordWithLink(ctx: UseCaseContext, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const link = await lockUsablePasswordSetupToken(trx, sessionIdFromToken(input.token), now);
    if (!link) throw new AccordError("setup_link_invalid");
    await updateAccount(trx, link.userId, { password_hash: passwordHash, password_changed_at: now });
    await usePasswordSetupTokens(trx, link.userId, now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: link.userId,
      action: "account.password_set_with_link",
      subjectType: "account",
      subjectId: link.userId,
      payload: {},
    });
    return link.userId;
  });
  ctx.events.publish("access", { kind: "account", userId });
}
