import { diffPolicyDocuments, type Redline } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { canonicalizeDocument } from "@accord/policy-schema";
import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { decodeDraftContent } from "../../drafts/yjs-draft.js";
import { findVersion } from "../../storage/versions.js";
import type { PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** One side of a comparison: a version number, or the live draft. */
export type RedlineSide = number | "draft";

/** A redline between two sides of one policy, with labels for people. */
export interface PolicyRedline {
  policy: PolicyRow;
  fromLabel: string;
  toLabel: string;
  redline: Redline;
}

/** Compares two versions of a policy, or a version and the live draft. */
export async function getRedline(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
  from: RedlineSide,
  to: RedlineSide,
): Promise<PolicyRedline> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  const load = async (side: RedlineSide): Promise<{ label: string; content: PolicyNodeJSON }> => {
    if (side === "draft") {
      const state = await ctx.liveDrafts.committedState(policy.id);
      if (!state) throw new AccordError("not_found", "This policy has no draft.");
      return { label: "the current draft", content: JSON.parse(canonicalizeDocument(decodeDraftContent(state)).json) as PolicyNodeJSON };
    }
    const version = await findVersion(ctx.db, policy.id, side);
    if (!version) throw new AccordError("not_found", `This policy has no version ${side}.`);
    return { label: `version ${side} (${version.label})`, content: JSON.parse(version.canonical_json) as PolicyNodeJSON };
  };
  const [before, after] = await Promise.all([load(from), load(to)]);
  return { policy, fromLabel: before.label, toLabel: after.label, redline: diffPolicyDocuments(before.content, after.content) };
}
