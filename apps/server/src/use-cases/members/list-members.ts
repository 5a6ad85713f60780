import type { CurrentUser } from "../../auth/sessions.js";
import { listMembers as listMemberRows, type MemberView } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** The working group of a policy. Members' emails are shown only to the facilitator. */
export async function listMembers(ctx: UseCaseContext, user: CurrentUser, policyId: string): Promise<MemberView[]> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "member.read");
  const members = await listMemberRows(ctx.db, policy.id);
  return user.isFacilitator ? members : members.map((member) => ({ ...member, email: "" }));
}
