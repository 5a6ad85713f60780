import { canonicalizeDocument } from "@accord/policy-schema";
import type { CurrentUser } from "../../auth/sessions.js";
import { decodeDraftContent, emptyPolicyDocument } from "../../drafts/yjs-draft.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/**
 * The current committed text of a policy's live draft, as ProseMirror JSON, for anyone who may read it,
 * with the content hash a version of it would have (so a client can tell whether anything is unsaved).
 */
export async function getDraft(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
): Promise<{ content: Record<string, unknown>; contentHash: string }> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const state = await ctx.liveDrafts.committedState(policy.id);
  const content = state ? decodeDraftContent(state) : emptyPolicyDocument;
  return { content, contentHash: canonicalizeDocument(content).hash };
}
