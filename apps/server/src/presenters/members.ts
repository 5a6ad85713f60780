import type { Member } from "@accord/api-contract";
import type { MemberView } from "../storage/policies.js";

/** A working-group member of one policy. */
export function presentMember(member: MemberView): Member {
  return {
    userId: member.userId,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
    affiliation: member.affiliation,
    addedAt: member.addedAt,
  };
}
