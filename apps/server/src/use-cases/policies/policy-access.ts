import { AccordError, authorizeOnPolicy, type PolicyAction, type PolicyActor } from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import type { Database } from "../../storage/database.js";
import { findPolicyAccessFacts, findPolicyById, type PolicyAccessFacts, type PolicyRow } from "../../storage/policies.js";

/** A policy together with what the current user may do on it. */
export interface PolicyAccess {
  policy: PolicyRow;
  actor: PolicyActor;
  facts: PolicyAccessFacts;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads the policy and checks the action against the permission table: the first guard of every use
 * case on a policy. A policy that does not exist and one the user may not read both answer not_found.
 */
export async function loadPolicyFor(
  db: Kysely<Database>,
  user: CurrentUser,
  policyId: string,
  action: PolicyAction,
): Promise<PolicyAccess> {
  const policy = uuidPattern.test(policyId) ? await findPolicyById(db, policyId) : undefined;
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  const facts = await findPolicyAccessFacts(db, policy.id, user.id);
  const actor: PolicyActor = {
    isFacilitator: user.isFacilitator,
    role: facts.role,
    representsRequiredBody: facts.representsRequiredBody,
  };
  authorizeOnPolicy(actor, action);
  return { policy, actor, facts };
}
