import { AccordError, authorizeOnSite, type Affiliation } from "@accord/domain";
import { hashPassword } from "../../auth/passwords.js";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountByEmail, insertAccount, normaliseEmail, type AccountRow } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import type { UseCaseContext } from "../context.js";

export interface CreateAccountInput {
  email: string;
  displayName: string;
  /** The first password, which the facilitator hands over and the person then changes. */
  password: string;
  isFacilitator?: boolean;
  /** The affiliation the new-policy flow fills in for this person. */
  defaultAffiliation?: Affiliation | null;
}

/** The facilitator creates an account for someone joining a working group or an approving body. */
export async function createAccount(ctx: UseCaseContext, actor: CurrentUser, input: CreateAccountInput): Promise<AccountRow> {
  authorizeOnSite(actor, "account.manage");
  const email = normaliseEmail(input.email);
  if (await findAccountByEmail(ctx.db, email)) throw new AccordError("email_taken");
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const account = await insertAccount(trx, {
        id: crypto.randomUUID(),
        email,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        is_facilitator: input.isFacilitator ?? false,
        created_at: now,
        password_changed_at: now,
        default_affiliation: input.defaultAffiliation ?? null,
      });
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "account.created",
        subjectType: "account",
        subjectId: account.id,
        payload: {
          email: account.email,
          displayName: account.display_name,
          isFacilitator: account.is_facilitator,
          ...(account.default_affiliation ? { defaultAffiliation: account.default_affiliation } : {}),
        },
      });
      return account;
    });
  } catch (error) {
    // Two facilitators creating the same email at once: the unique index decides, with the same answer.
    if (isUniqueViolation(error)) throw new AccordError("email_taken");
    throw error;
  }
}
