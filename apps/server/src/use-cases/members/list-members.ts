import { canOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listMembers as listMemberRows, type WorkingGroupMember } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** The working group of a policy. Members' emails are shown only to whom may see them (`account.read_email`). */
export async function listMembers(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<WorkingGroupMember[]> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "member.read");
  const members = await listMemberRows(ctx.db, policy.id);
  return canOnSite(user, "account.read_email") ? members : members.map((member) => ({ ...member, email: "" }));
}
