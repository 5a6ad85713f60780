// The tables of the policies aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/policies.ts` builds its
// row types and queries on them.

import type { Generated } from "kysely";
import type { Affiliation, PolicyRole, PolicyStatus, SignOffRule } from "@accord/domain";

/** The `policies` table. */
export interface PoliciesTable {
  id: string;
  slug: string;
  title: string;
  summary: Generated<string>;
  status: Generated<PolicyStatus>;
  sign_off_rule: Generated<SignOffRule>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The `policy_members` table: the working group, with each member's role and affiliation. */
export interface PolicyMembersTable {
  policy_id: string;
  user_id: string;
  role: PolicyRole;
  affiliation: Affiliation;
  added_at: Date;
}

/** The `policy_required_bodies` table: which approving bodies must approve the policy. */
export interface PolicyRequiredBodiesTable {
  policy_id: string;
  body_id: string;
}
