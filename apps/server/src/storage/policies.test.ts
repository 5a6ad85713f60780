import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { insertAccount } from "./accounts.js";
import { insertBody, insertRepresentative } from "./bodies.js";
import { findPolicyAccessFacts, findPolicyWithAccessFacts, insertMember, insertPolicy, replaceRequiredBodies } from "./policies.js";

// The one query behind every policy guard and every collaboration socket's upgrade: the policy and one
// person's facts on it (working-group role and affiliation, representing a body the policy needs).
describe.each(testDatabaseKinds())("a policy with one person's access facts on %s", (kind) => {
  let database: TestDatabase;
  const now = new Date("2026-11-27T12:00:00.000Z");
  const policyId = crypto.randomUUID();
  const otherPolicyId = crypto.randomUUID();
  const requiredBodyId = crypto.randomUUID();
  const otherBodyId = crypto.randomUUID();
  const people = { member: "", representative: "", otherRepresentative: "", stranger: "" };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    for (const name of Object.keys(people) as (keyof typeof people)[]) {
      const account = await insertAccount(db, {
        id: crypto.randomUUID(),
        email: `${name}@facts.test`,
        display_name: name,
        password_hash: "not used",
        disabled_at: null,
        created_at: now,
        password_changed_at: now,
      });
      people[name] = account.id;
    }
    for (const [id, slug] of [
      [policyId, "facts-policy"],
      [otherPolicyId, "facts-other"],
    ] as const) {
      await insertPolicy(db, { id, slug, title: slug, created_by: null, created_at: now, updated_at: now });
    }
    await insertMember(db, { policy_id: policyId, user_id: people.member, role: "editor", affiliation: "citizen", added_at: now });
    // The member also sits on the other policy's group, in another role: only this policy's row counts.
    await insertMember(db, { policy_id: otherPolicyId, user_id: people.member, role: "viewer", affiliation: "police", added_at: now });
    await insertBody(db, { id: requiredBodyId, name: "Facts Board", description: "", created_at: now });
    await insertBody(db, { id: otherBodyId, name: "Facts Union", description: "", created_at: now });
    await replaceRequiredBodies(db, policyId, [requiredBodyId]);
    await replaceRequiredBodies(db, otherPolicyId, [otherBodyId]);
    await insertRepresentative(db, { body_id: requiredBodyId, user_id: people.representative, added_at: now });
    await insertRepresentative(db, { body_id: otherBodyId, user_id: people.otherRepresentative, added_at: now });
  });
  afterAll(() => database.close());

  it("gives a member's role and affiliation on this policy, with the policy's row", async () => {
    const found = await findPolicyWithAccessFacts(database.db, policyId, people.member);
    expect(found?.policy).toMatchObject({ id: policyId, slug: "facts-policy", title: "facts-policy" });
    expect(found?.facts).toEqual({ role: "editor", affiliation: "citizen", representsRequiredBody: false });
    expect(Object.keys(found?.policy ?? {})).not.toContain("member_role");
  });

  it("says that a representative of a body this policy needs represents it, and one of another body's does not", async () => {
    expect((await findPolicyWithAccessFacts(database.db, policyId, people.representative))?.facts).toEqual({
      role: null,
      affiliation: null,
      representsRequiredBody: true,
    });
    expect((await findPolicyWithAccessFacts(database.db, policyId, people.otherRepresentative))?.facts).toEqual({
      role: null,
      affiliation: null,
      representsRequiredBody: false,
    });
  });

  it("gives no facts for a stranger, and nothing for a policy that does not exist", async () => {
    expect((await findPolicyWithAccessFacts(database.db, policyId, people.stranger))?.facts).toEqual({
      role: null,
      affiliation: null,
      representsRequiredBody: false,
    });
    expect(await findPolicyWithAccessFacts(database.db, crypto.randomUUID(), people.member)).toBeUndefined();
    expect(await findPolicyAccessFacts(database.db, crypto.randomUUID(), people.member)).toEqual({
      role: null,
      affiliation: null,
      representsRequiredBody: false,
    });
  });
});
