import { canOnPolicy, type Affiliation } from "@accord/domain";
import { presenceFor, type Presence } from "@accord/collab";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../auth/sessions.js";
import type { Database } from "../storage/database.js";
import { loadPolicyFor } from "../use-cases/policies/policy-access.js";

/** What a connection may do, decided by the one permission table, and how others see its person. */
export interface CollabAccess {
  user: CurrentUser;
  policyId: string;
  /** `draft.edit`: any change to the draft. */
  canEdit: boolean;
  /** `draft.suggest`: changes to their own suggestions (editors hold it too; see isSuggestOnly). */
  canSuggest: boolean;
  affiliation: Affiliation | null;
  presence: Presence;
}

/** True for a member who may suggest but not edit (a commenter): their updates are checked as suggestions. */
export function isSuggestOnly(access: Pick<CollabAccess, "canEdit" | "canSuggest">): boolean {
  return access.canSuggest && !access.canEdit;
}

/** True for a member who may not write to the draft at all: they never get the server's sync step 1. */
export function isReadOnly(access: Pick<CollabAccess, "canEdit" | "canSuggest">): boolean {
  return !access.canEdit && !access.canSuggest;
}

/**
 * Why a socket must close after a re-check took away a way of writing it was opened with (editing, or
 * suggesting), or null when it keeps them: its client may hold changes it is no longer allowed to send.
 */
export function lostWriteAccess(before: CollabAccess, after: CollabAccess): string | null {
  if (before.canEdit && !after.canEdit) return "You can no longer edit this draft.";
  if (before.canSuggest && !after.canSuggest) return "You can no longer suggest changes to this draft.";
  return null;
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
    canSuggest: canOnPolicy(actor, "draft.suggest"),
    affiliation: facts.affiliation,
    presence: presenceFor(user, facts.affiliation),
  };
}
