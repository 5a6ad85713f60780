import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";
import { representsRequiredBodyOf, type PolicyAccessFacts } from "./policies.js";
import { sessionWithAccountColumns, type SessionWithAccount } from "./sessions.js";

/** A session with its account, and that account's facts on one policy (none when the policy is not there). */
export interface SessionWithDraftFacts {
  session: SessionWithAccount;
  /** The policy's id as stored and its facts about the session's person, or null when no policy has that id. */
  policy: { policyId: string; facts: PolicyAccessFacts } | null;
}

/**
 * What a collaboration socket must know before it may read a draft, in one round trip: the session and
 * its account (the sessions aggregate's `findSessionWithAccount`) and the person's facts on the policy
 * (the policies aggregate's `findPolicyWithAccessFacts`). A read across the two because it runs at every
 * socket's upgrade and re-check, where each round trip to PostgreSQL was a large share of a connection's
 * cost (bench/RESULTS.md, the connection storm). `policyId` must be a UUID (the column's type).
 */
export async function findSessionWithDraftFacts(
  db: Kysely<Database>,
  sessionId: string,
  policyId: string,
): Promise<SessionWithDraftFacts | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("policies", (join) => join.on("policies.id", "=", policyId))
    .leftJoin("policy_members", (join) =>
      join.onRef("policy_members.policy_id", "=", "policies.id").onRef("policy_members.user_id", "=", "sessions.user_id"),
    )
    .select([
      ...sessionWithAccountColumns,
      "policies.id as policy_id",
      "policy_members.role as member_role",
      "policy_members.affiliation as member_affiliation",
      representsRequiredBodyOf(sql.ref("sessions.user_id")).as("represents_required_body"),
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { policy_id, member_role, member_affiliation, represents_required_body, ...session } = row;
  const policy =
    policy_id === null
      ? null
      : {
          policyId: policy_id,
          facts: { role: member_role, affiliation: member_affiliation, representsRequiredBody: represents_required_body },
        };
  return { session, policy };
}
