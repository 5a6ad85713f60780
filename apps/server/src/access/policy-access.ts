import { AccordError, authorizeOnPolicy, canOnPolicy, type Affiliation, type PolicyAction, type PolicyActor } from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/sessions.js";
import type { Database } from "../storage/database.js";
import { findPolicyWithAccessFacts, type PolicyAccessFacts, type PolicyRow } from "../storage/policies.js";

/** A policy together with what the current user may do on it. */
export interface PolicyAccess {
  policy: PolicyRow;
  actor: PolicyActor;
  facts: PolicyAccessFacts;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the value can be a policy's id (a UUID); anything else names no policy and is not looked up. */
export function isPolicyId(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * A person as the permission table sees them on one policy: their site role (facilitator or not) and
 * the facts stored about them there (working-group role, representing a required body).
 */
export function policyActorOf(person: { isFacilitator: boolean }, facts: PolicyAccessFacts): PolicyActor {
  return { isFacilitator: person.isFacilitator, role: facts.role, representsRequiredBody: facts.representsRequiredBody };
}

/**
 * Loads the policy and checks the action against the permission table: the first guard of every use
 * case on a policy (a collaboration socket asks the same table through `draftAccessFrom`). A policy that
 * does not exist and one the user may not read both answer not_found.
 */
export async function loadPolicyFor(
  db: Kysely<Database>,
  user: CurrentUser,
  policyId: string,
  action: PolicyAction,
): Promise<PolicyAccess> {
  const found = isPolicyId(policyId) ? await findPolicyWithAccessFacts(db, policyId, user.id) : undefined;
  if (!found) throw new AccordError("not_found", "No policy was found here.");
  const { policy, facts } = found;
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
 * The draft access the permission table gives this person, from their facts on the policy (null when
 * there is no such policy): not_found when they may not read it, as `loadPolicyFor` refuses over HTTP.
 */
export function draftAccessFrom(user: CurrentUser, found: { policyId: string; facts: PolicyAccessFacts } | null): DraftAccess {
  if (!found) throw new AccordError("not_found", "No policy was found here.");
  const actor = policyActorOf(user, found.facts);
  authorizeOnPolicy(actor, "draft.read");
  return {
    user,
    policyId: found.policyId,
    canEdit: canOnPolicy(actor, "draft.edit"),
    canSuggest: canOnPolicy(actor, "draft.suggest"),
    affiliation: found.facts.affiliation,
  };
}
