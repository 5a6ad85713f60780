import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Updateable } from "kysely";
import type { Affiliation, PolicyRole } from "@accord/domain";
import type { Database } from "./database.js";
import type { PoliciesTable, PolicyMembersTable } from "./tables/policies.js";

export type PolicyRow = Selectable<PoliciesTable>;
export type PolicyMemberRow = Selectable<PolicyMembersTable>;

/** A working-group member, with their account's name and e-mail address. */
export interface WorkingGroupMember {
  userId: string;
  displayName: string;
  email: string;
  role: PolicyRole;
  affiliation: Affiliation;
  addedAt: Date;
}

export async function insertPolicy(db: Kysely<Database>, policy: Insertable<PoliciesTable>): Promise<PolicyRow> {
  return db.insertInto("policies").values(policy).returningAll().executeTakeFirstOrThrow();
}

export async function updatePolicy(db: Kysely<Database>, id: string, update: Updateable<PoliciesTable>): Promise<PolicyRow> {
  return db.updateTable("policies").set(update).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function findPolicyById(db: Kysely<Database>, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom("policies").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findPolicyBySlug(db: Kysely<Database>, slug: string): Promise<PolicyRow | undefined> {
  return db.selectFrom("policies").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Every policy, for the facilitator. */
export async function listAllPolicies(db: Kysely<Database>): Promise<PolicyRow[]> {
  return db.selectFrom("policies").selectAll().orderBy("title").execute();
}

/**
 * True when the person represents a body that the outer query's policy (`policies.id`) needs: the one
 * correlated subquery behind every read that decides what someone may do on a policy. `userId` is a
 * value, or a column of the outer query (`sql.ref("sessions.user_id")`). Raw SQL because Kysely cannot
 * type one subquery for outer queries of different tables; the tables and columns are the policies and
 * bodies aggregates' own.
 */
export function representsRequiredBodyOf(userId: string | RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select 1 from policy_required_bodies
    join body_representatives on body_representatives.body_id = policy_required_bodies.body_id
    where policy_required_bodies.policy_id = policies.id and body_representatives.user_id = ${userId}
  )`;
}

/** The policies a user may see: those whose working group they belong to or whose approval they represent. */
export async function listPoliciesVisibleTo(db: Kysely<Database>, userId: string): Promise<PolicyRow[]> {
  return db
    .selectFrom("policies")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("policy_members")
            .select(sql`1`.as("one"))
            .whereRef("policy_members.policy_id", "=", "policies.id")
            .where("policy_members.user_id", "=", userId),
        ),
        representsRequiredBodyOf(userId),
      ]),
    )
    .orderBy("title")
    .execute();
}

/** The facts permissions need about one user and one policy. */
export interface PolicyAccessFacts {
  role: PolicyRole | null;
  affiliation: Affiliation | null;
  representsRequiredBody: boolean;
}

/** A policy with the facts the permission table needs about one person on it. */
export interface PolicyWithAccessFacts {
  policy: PolicyRow;
  facts: PolicyAccessFacts;
}

/**
 * The policy and one person's facts on it in one round trip: it runs before every use case on a policy
 * and at every collaboration socket's upgrade, where three queries made most of a connection's cost.
 */
export async function findPolicyWithAccessFacts(
  db: Kysely<Database>,
  policyId: string,
  userId: string,
): Promise<PolicyWithAccessFacts | undefined> {
  const row = await db
    .selectFrom("policies")
    .leftJoin("policy_members", (join) =>
      join.onRef("policy_members.policy_id", "=", "policies.id").on("policy_members.user_id", "=", userId),
    )
    .selectAll("policies")
    .select([
      "policy_members.role as member_role",
      "policy_members.affiliation as member_affiliation",
      representsRequiredBodyOf(userId).as("represents_required_body"),
    ])
    .where("policies.id", "=", policyId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { member_role, member_affiliation, represents_required_body, ...policy } = row;
  return {
    policy,
    facts: { role: member_role, affiliation: member_affiliation, representsRequiredBody: represents_required_body },
  };
}

/** One person's facts on a policy; none (no role, no representation) when the policy does not exist. */
export async function findPolicyAccessFacts(db: Kysely<Database>, policyId: string, userId: string): Promise<PolicyAccessFacts> {
  const found = await findPolicyWithAccessFacts(db, policyId, userId);
  return found?.facts ?? { role: null, affiliation: null, representsRequiredBody: false };
}

export async function listMembers(db: Kysely<Database>, policyId: string): Promise<WorkingGroupMember[]> {
  const rows = await db
    .selectFrom("policy_members")
    .innerJoin("users", "users.id", "policy_members.user_id")
    .select([
      "policy_members.user_id",
      "policy_members.role",
      "policy_members.affiliation",
      "policy_members.added_at",
      "users.display_name",
      "users.email",
    ])
    .where("policy_members.policy_id", "=", policyId)
    .orderBy("users.display_name")
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    affiliation: row.affiliation,
    addedAt: row.added_at,
  }));
}

export async function findMember(db: Kysely<Database>, policyId: string, userId: string): Promise<PolicyMemberRow | undefined> {
  return db.selectFrom("policy_members").selectAll().where("policy_id", "=", policyId).where("user_id", "=", userId).executeTakeFirst();
}

export async function insertMember(db: Kysely<Database>, member: Insertable<PolicyMembersTable>): Promise<void> {
  await db.insertInto("policy_members").values(member).execute();
}

export async function updateMember(
  db: Kysely<Database>,
  policyId: string,
  userId: string,
  update: { role: PolicyRole; affiliation: Affiliation },
): Promise<void> {
  await db.updateTable("policy_members").set(update).where("policy_id", "=", policyId).where("user_id", "=", userId).execute();
}

export async function deleteMember(db: Kysely<Database>, policyId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom("policy_members").where("policy_id", "=", policyId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listRequiredBodyIds(db: Kysely<Database>, policyId: string): Promise<string[]> {
  const rows = await db.selectFrom("policy_required_bodies").select("body_id").where("policy_id", "=", policyId).execute();
  return rows.map((row) => row.body_id);
}

/** Replaces the set of bodies the policy needs. Call inside a transaction. */
export async function replaceRequiredBodies(db: Kysely<Database>, policyId: string, bodyIds: readonly string[]): Promise<void> {
  await db.deleteFrom("policy_required_bodies").where("policy_id", "=", policyId).execute();
  if (bodyIds.length > 0) {
    await db
      .insertInto("policy_required_bodies")
      .values(bodyIds.map((bodyId) => ({ policy_id: policyId, body_id: bodyId })))
      .execute();
  }
}
