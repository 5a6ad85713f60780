import * as Y from "yjs";
import type { CurrentUser } from "../../auth/sessions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** What the server has committed of a draft, as far as an editor's "Saved" cares. */
export interface CommittedProgress {
  /** `Y.encodeStateVector` of the committed document. */
  stateVector: Uint8Array;
  /**
   * A Yjs update holding only the committed document's delete set (no content): a deletion adds nothing
   * to the state vector, so a change that only deletes shows only here.
   */
  deleteSet: Uint8Array;
}

/**
 * The state vector and delete set of what the server has committed of a draft. An editor compares them
 * with its own to say "Saved" or "Saving…": the server relays and applies only committed updates, so
 * anything the client has beyond them is not yet stored.
 */
export async function getDraftStateVector(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<CommittedProgress> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const state = (await ctx.liveDrafts.committedState(policy.id)) ?? Y.encodeStateAsUpdate(new Y.Doc());
  const stateVector = Y.encodeStateVectorFromUpdate(state);
  // The difference from its own state vector leaves no content, and the whole delete set.
  return { stateVector, deleteSet: Y.diffUpdate(state, stateVector) };
}
