import { canOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listAllPolicies, listPoliciesVisibleTo, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";

/** The policies the user may see: all of them for the facilitator, otherwise their own. */
export async function listPolicies(ctx: UseCaseContext, user: CurrentUser): Promise<PolicyRow[]> {
  return canOnSite(user, "policy.list_all") ? listAllPolicies(ctx.db) : listPoliciesVisibleTo(ctx.db, user.id);
}
