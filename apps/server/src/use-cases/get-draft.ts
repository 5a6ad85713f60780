import type { CurrentUser } from "../auth/sessions.js";
import { decodeDraftContent, emptyPolicyDocument } from "../drafts/yjs-draft.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/** The current committed text of a policy's live draft, as ProseMirror JSON, for anyone who may read it. */
export async function getDraft(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<{ content: Record<string, unknown> }> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const state = await ctx.liveDrafts.committedState(policy.id);
  return { content: state ? decodeDraftContent(state) : emptyPolicyDocument };
}
