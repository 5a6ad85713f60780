import { authorizeOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listAccounts as listAccountRows, type AccountRow } from "../../storage/accounts.js";
import type { UseCaseContext } from "../context.js";

/** Every account, for the facilitator's people page. */
export async function listAccounts(ctx: UseCaseContext, actor: CurrentUser): Promise<AccountRow[]> {
  authorizeOnSite(actor, "account.manage");
  return listAccountRows(ctx.db);
}
