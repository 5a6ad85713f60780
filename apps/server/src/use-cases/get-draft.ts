import type { CurrentUser } from "../auth/sessions.js";
import { decodeDraftContent, emptyPolicyDocument } from "../drafts/yjs-draft.js";
import { findDraftState } from "../storage/drafts.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/** The current text of a policy's live draft, as ProseMirror JSON, for anyone who may read the policy. */
export async function getDraft(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<{ content: Record<string, unknown> }> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "draft.read");
  const state = await findDraftState(ctx.db, policy.id);
  return { content: state ? decodeDraftContent(state) : emptyPolicyDocument };
}
