import { canOnPolicy, type Affiliation } from "@accord/domain";
import { presenceFor, type Presence } from "@accord/collab";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/sessions.js";
import type { Database } from "../storage/database.js";
import { loadPolicyFor } from "../use-cases/policy-access.js";

/** What a connection may do, decided by the one permission table, and how others see its person. */
export interface CollabAccess {
  user: CurrentUser;
  policyId: string;
  canEdit: boolean;
  affiliation: Affiliation | null;
  presence: Presence;
}

/**
 * Decides a person's access to a policy's draft. Throws not_found (the policy does not exist or they
 * may not read it), exactly as the HTTP routes do.
 */
export async function resolveCollabAccess(db: Kysely<Database>, user: CurrentUser, policyId: string): Promise<CollabAccess> {
  const { policy, actor, facts } = await loadPolicyFor(db, user, policyId, "draft.read");
  return {
    user,
    policyId: policy.id,
    canEdit: canOnPolicy(actor, "draft.edit"),
    affiliation: facts.affiliation,
    presence: presenceFor(user, facts.affiliation),
  };
}
