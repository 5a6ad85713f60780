import type { CurrentUser } from "../../auth/sessions.js";
import { listVersionSummaries, type VersionSummaryRow } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** The timeline of a policy: every version, newest first, for anyone who may read the policy. */
export async function listVersions(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<VersionSummaryRow[]> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  return listVersionSummaries(ctx.db, policy.id);
}
