import { AccordError, authorizeOnSite, type Affiliation, type JsonValue } from "@accord/domain";
import { hashPassword } from "../../auth/passwords.js";
import type { CurrentUser } from "../../auth/sessions.js";
import {
  countOtherActiveFacilitators,
  findAccountById,
  updateAccount as updateAccountRow,
  type AccountUpdate,
  type AccountRow,
} from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { deleteSessionsOfAccount } from "../../storage/sessions.js";
import type { UseCaseContext } from "../context.js";

export interface UpdateAccountInput {
  displayName?: string;
  isFacilitator?: boolean;
  /** True disables the account and ends all its sessions; false enables it again. */
  disabled?: boolean;
  /** A new password set by the facilitator (for someone locked out); ends all their sessions. */
  password?: string;
  /** The affiliation the new-policy flow fills in for this person; null clears it. */
  defaultAffiliation?: Affiliation | null;
}

/** The facilitator changes someone's account: name, default affiliation, facilitator rights, disabled, or password. */
export async function updateAccount(
  ctx: UseCaseContext,
  actor: CurrentUser,
  accountId: string,
  input: UpdateAccountInput,
): Promise<AccountRow> {
  authorizeOnSite(actor, "account.manage");
  const account = await findAccountById(ctx.db, accountId);
  if (!account) throw new AccordError("not_found", "No account was found here.");
  if (accountId === actor.id && (input.disabled === true || input.isFacilitator === false)) {
    throw new AccordError("cannot_disable_self", "You cannot disable your own account or remove your own facilitator rights.");
  }
  const losesFacilitator =
    account.is_facilitator && account.disabled_at === null && (input.disabled === true || input.isFacilitator === false);
  if (losesFacilitator && (await countOtherActiveFacilitators(ctx.db, accountId)) === 0) {
    throw new AccordError("last_facilitator");
  }

  const now = ctx.now();
  const update: AccountUpdate = {};
  const changes: { [key: string]: JsonValue } = {};
  if (input.displayName !== undefined && input.displayName.trim() !== account.display_name) {
    update.display_name = input.displayName.trim();
    changes.displayName = update.display_name;
  }
  if (input.isFacilitator !== undefined && input.isFacilitator !== account.is_facilitator) {
    update.is_facilitator = input.isFacilitator;
    changes.isFacilitator = input.isFacilitator;
  }
  if (input.disabled !== undefined && input.disabled !== (account.disabled_at !== null)) {
    update.disabled_at = input.disabled ? now : null;
    changes.disabled = input.disabled;
  }
  if (input.defaultAffiliation !== undefined && input.defaultAffiliation !== account.default_affiliation) {
    update.default_affiliation = input.defaultAffiliation;
    changes.defaultAffiliation = input.defaultAffiliation;
  }
  if (input.password !== undefined) {
    update.password_hash = await hashPassword(input.password);
    update.password_changed_at = now;
    changes.passwordReset = true;
  }
  if (Object.keys(update).length === 0) return account;

  const updatedAccount = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateAccountRow(trx, accountId, update);
    const endsSessions = changes.disabled === true || changes.passwordReset === true;
    if (endsSessions) changes.endedSessions = await deleteSessionsOfAccount(trx, accountId);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "account.updated",
      subjectType: "account",
      subjectId: accountId,
      payload: changes,
    });
    return updated;
  });
  ctx.events.publish("access", { kind: "account", userId: accountId });
  return updatedAccount;
}
