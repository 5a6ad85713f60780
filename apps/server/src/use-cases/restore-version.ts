import { AccordError } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import { updateYFragment } from "y-prosemirror";
import type { CurrentUser } from "../auth/sessions.js";
import { draftFragmentName } from "../drafts/yjs-draft.js";
import { findVersion } from "../storage/versions.js";
import type { UseCaseContext } from "./context.js";
import { loadPolicyFor } from "./policy-access.js";

/**
 * Makes the draft equal to an earlier version as one new forward change: the difference between the
 * committed draft and the version is applied as a Yjs update (never a reset of the document, so no
 * text is duplicated and nobody's session breaks), committed with its audit event, and relayed live.
 */
export async function restoreVersion(ctx: UseCaseContext, actor: CurrentUser, policyId: string, number: number): Promise<void> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.edit");
  const version = await findVersion(ctx.db, policy.id, number);
  if (!version) throw new AccordError("not_found", `This policy has no version ${number}.`);
  const target = policySchema.nodeFromJSON(JSON.parse(version.canonical_json));
  const changed = await ctx.liveDrafts.applyServerChange(
    policy.id,
    (doc) => updateYFragment(doc, doc.getXmlFragment(draftFragmentName), target, { mapping: new Map(), isOMark: new Map() }),
    {
      occurredAt: ctx.now(),
      actorId: actor.id,
      action: "version.restored",
      subjectType: "policy",
      subjectId: policy.id,
      payload: { versionNumber: number, contentHash: version.content_hash },
    },
  );
  if (!changed) throw new AccordError("draft_unchanged", `The draft already has exactly the text of version ${number}.`);
}
