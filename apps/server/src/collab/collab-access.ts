import { presenceFor, type Presence } from "@accord/collab";
import type { DraftAccess } from "../access/policy-access.js";

/**
 * What a connection may do, as the one access resolver decided it (`RequestAccess.draftAccess`, the
 * same permission table as the HTTP routes), and how others see its person.
 */
export interface CollabAccess extends DraftAccess {
  presence: Presence;
}

/** A connection's access: the draft access decided for its person, and their presence as others see it. */
export function collabAccessOf(access: DraftAccess): CollabAccess {
  return { ...access, presence: presenceFor(access.user, access.affiliation) };
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
export function lostWriteAccess(before: DraftAccess, after: DraftAccess): string | null {
  if (before.canEdit && !after.canEdit) return "You can no longer edit this draft.";
  if (before.canSuggest && !after.canSuggest) return "You can no longer suggest changes to this draft.";
  return null;
}
