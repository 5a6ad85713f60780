import { canOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listAllPolicies, listPoliciesVisibleTo, toPolicyView, type PolicyView } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";

/** The policies the user may see: all of them for the facilitator, otherwise their own. */
export async function listPolicies(ctx: UseCaseContext, user: CurrentUser): Promise<PolicyView[]> {
  const rows = canOnSite(user, "policy.list_all") ? await listAllPolicies(ctx.db) : await listPoliciesVisibleTo(ctx.db, user.id);
  return rows.map(toPolicyView);
}

