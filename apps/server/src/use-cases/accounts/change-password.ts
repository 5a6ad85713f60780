import { AccordError } from "@accord/domain";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountById, updateAccount } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { deleteSessionsOfAccount } from "../../storage/sessions.js";
import type { UseCaseContext } from "../context.js";

/**
 * Changes the signed-in person's own password after checking the current one. Every other session of
 * theirs ends (a thief holding one is locked out); the one in use stays.
 */
export async function changePassword(
  ctx: UseCaseContext,
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const account = await findAccountById(ctx.db, user.id);
  if (!account) throw new AccordError("unauthenticated");
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) throw new AccordError("wrong_password");
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await updateAccount(trx, user.id, { password_hash: passwordHash, password_changed_at: now });
    const endedSessions = await deleteSessionsOfAccount(trx, user.id, user.sessionId);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: user.id,
      action: "account.password_changed",
      subjectType: "account",
      subjectId: user.id,
      payload: { endedSessions },
    });
    return { endedSessions };
  });
  ctx.events.publish("access", { kind: "account", userId: user.id });
  return result;
}
