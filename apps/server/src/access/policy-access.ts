import { AccordError, authorizeOnPolicy, canOnPolicy, type Affiliation, type PolicyAction, type PolicyActor } from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/sessions.js";
import type { Database } from "../storage/database.js";
import { findPolicyAccessFacts, findPolicyById, type PolicyAccessFacts, type PolicyRow } from "../storage/policies.js";

/** A policy together with what the current user may do on it. */
export interface PolicyAccess {
  policy: PolicyRow;
  actor: PolicyActor;
  facts: PolicyAccessFacts;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person as the permission table sees them on one policy: their site role (facilitator or not) and
 * the facts stored about them there (working-group role, representing a required body).
 */
export function policyActorOf(person: { isFacilitator: boolean }, facts: PolicyAccessFacts): PolicyActor {
  return { isFacilitator: person.isFacilitator, role: facts.role, representsRequiredBody: facts.representsRequiredBody };
}

/**
 * Loads the policy and checks the action against the permission table: the first guard of every use
 * case on a policy, and of every collaboration socket (`resolveDraftAccess`). A policy that does not
 * exist and one the user may not read both answer not_found.
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
  const actor = policyActorOf(user, facts);
  authorizeOnPolicy(actor, action);
  return { policy, actor, facts };
}

/** What a person may do with a policy's live draft, decided by the one permission table. */
export interface DraftAccess {
  user: CurrentUser;
  policyId: string;
  /** `draft.edit`: any change to the draft. */
  canEdit: boolean;
  /** `draft.suggest`: changes to their own suggestions (editors hold it too). */
  canSuggest: boolean;
  affiliation: Affiliation | null;
}

/**
 * Decides a person's access to a policy's draft, as the collaboration socket asks it at the upgrade and
 * at every re-check. Throws not_found (the policy does not exist or they may not read it), exactly as
 * the HTTP routes do, since it is the same `loadPolicyFor`.
 */
export async function resolveDraftAccess(db: Kysely<Database>, user: CurrentUser, policyId: string): Promise<DraftAccess> {
  const { policy, actor, facts } = await loadPolicyFor(db, user, policyId, "draft.read");
  return {
    user,
    policyId: policy.id,
    canEdit: canOnPolicy(actor, "draft.edit"),
    canSuggest: canOnPolicy(actor, "draft.suggest"),
    affiliation: facts.affiliation,
  };
}
