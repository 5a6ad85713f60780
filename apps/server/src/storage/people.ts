import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** Someone as a policy's comments and suggestions show them: their name, and their affiliation there. */
export interface Person {
  id: string;
  name: string;
  /**
   * Their affiliation in the policy's working group; null outside it (the facilitator, a body's
   * representative). For a suggestion's author, the affiliation its mark records when no account matches.
   */
  affiliation: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The people with these ids, by (lowercase) id, with their affiliation in the policy's working group.
 * Ids that cannot name an account are left out before the query, not sent to it: a suggestion mark's
 * author is whatever the document says, and PostgreSQL refuses a uuid comparison with anything else.
 */
export async function findPeopleOnPolicy(db: Kysely<Database>, policyId: string, ids: Iterable<string>): Promise<Map<string, Person>> {
  const accountIds = [...new Set([...ids].filter((id) => uuidPattern.test(id)).map((id) => id.toLowerCase()))];
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .leftJoin("policy_members", (join) =>
      join.onRef("policy_members.user_id", "=", "users.id").on("policy_members.policy_id", "=", policyId),
    )
    .select(["users.id", "users.display_name", "policy_members.affiliation"])
    .where("users.id", "in", accountIds)
    .execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.display_name, affiliation: row.affiliation ?? null }]));
}

/**
 * The person an id names among those `findPeopleOnPolicy` found. Accounts are never removed, but a
 * suggestion mark's author need not be an account id: such an id still gets a person ("Unknown
 * person", with the affiliation the caller knows for it), so that a view stays whole.
 */
export function personFor(people: ReadonlyMap<string, Person>, id: string, affiliation: string | null): Person {
  return people.get(id.toLowerCase()) ?? { id, name: "Unknown person", affiliation };
}
