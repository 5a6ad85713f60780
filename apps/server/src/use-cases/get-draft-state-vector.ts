import * as Y from "yjs";
import type { CurrentUser } from "../auth/sessions.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/**
 * The state vector of what the server has committed of a draft. An editor compares it with its own to
 * say "Saved" or "Saving…": the server relays and applies only committed updates, so anything the client
 * has beyond this vector is not yet stored.
 */
export async function getDraftStateVector(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<Uint8Array> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const state = await ctx.liveDrafts.committedState(policy.id);
  return state ? Y.encodeStateVectorFromUpdate(state) : Y.encodeStateVector(new Y.Doc());
}
