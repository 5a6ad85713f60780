import { canOnPolicy, policyGrants, type PolicyAction, type PolicyRole, type Affiliation } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listBodyViews, type ApprovingBodyView } from "../../storage/bodies.js";
import { listRequiredBodyIds, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { bodyAsSeenBy } from "../bodies/list-bodies.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** One policy as its page shows it: the policy, the bodies it needs, and what I may do on it. */
export interface PolicyDetail {
  policy: PolicyRow;
  requiredBodies: ApprovingBodyView[];
  myRole: PolicyRole | null;
  myAffiliation: Affiliation | null;
  /** The actions of the permission table I may take here, so the app shows only usable controls. */
  myPermissions: PolicyAction[];
}

export async function getPolicy(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<PolicyDetail> {
  const { policy, actor, facts } = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  const requiredBodies = await listBodyViews(ctx.db, await listRequiredBodyIds(ctx.db, policy.id));
  const actions = Object.keys(policyGrants) as PolicyAction[];
  return {
    policy,
    requiredBodies: requiredBodies.map((body) => bodyAsSeenBy(user, body)),
    myRole: facts.role,
    myAffiliation: facts.affiliation,
    myPermissions: actions.filter((action) => canOnPolicy(actor, action)),
  };
}
