import type { Member } from "@accord/api-contract";
import type { WorkingGroupMember } from "../storage/policies.js";

/** A working-group member of one policy. */
export function presentMember(member: WorkingGroupMember): Member {
  return {
    userId: member.userId,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
    affiliation: member.affiliation,
    addedAt: new Date(member.addedAt).toISOString(),
  };
}
