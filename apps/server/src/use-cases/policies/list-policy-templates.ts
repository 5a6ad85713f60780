import { authorizeOnSite } from "@accord/domain";
import { policyTemplates, type PolicyTemplate } from "@accord/policy-schema";
import type { CurrentUser } from "../../auth/sessions.js";

/** The templates a new policy's draft can start from, for the facilitator who creates policies. */
export function listPolicyTemplates(actor: CurrentUser): readonly PolicyTemplate[] {
  authorizeOnSite(actor, "policy.create");
  return policyTemplates;
}
