import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findVersion, type PolicyVersionRow } from "../../storage/versions.js";
import type { PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** A stored version with its policy, for viewing, comparing, exporting and restoring. */
export interface LoadedVersion {
  policy: PolicyRow;
  version: PolicyVersionRow & { author_name: string | null };
  /** The version's ProseMirror JSON (parsed from its canonical JSON). */
  content: Record<string, unknown>;
}

/** One version of a policy, or not_found. */
export async function getVersion(ctx: UseCaseContext, user: CurrentUser, policyId: string, number: number): Promise<LoadedVersion> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  const version = await findVersion(ctx.db, policy.id, number);
  if (!version) throw new AccordError("not_found", `This policy has no version ${number}.`);
  return { policy, version, content: JSON.parse(version.canonical_json) as Record<string, unknown> };
}
