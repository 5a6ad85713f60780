import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import type { Database } from "./database.js";
import { appendDraftUpdates, insertDraftDocument } from "./drafts.js";
import { insertPolicy } from "./policies.js";
import { maxNamedStatements, preparedOnEachConnection, preparedStatementName } from "./prepared-statements.js";

const now = new Date("2026-12-07T12:00:00.000Z");

async function addDraft(db: Kysely<Database>): Promise<string> {
  const id = randomUUID();
  await insertPolicy(db, { id, slug: `p-${id}`, title: "A draft", created_by: null, created_at: now, updated_at: now });
  await insertDraftDocument(db, id, Y.encodeStateAsUpdate(new Y.Doc()), now);
  return id;
}

const update = (byte: number) => new Uint8Array([0, 0, byte]);

/** What the connection has prepared: PostgreSQL's own view of this session (pg_prepared_statements). */
async function preparedHere(db: Kysely<Database>) {
  const { rows } = await sql<{
    name: string;
    statement: string;
    generic_plans: string;
    custom_plans: string;
  }>`select name, statement, generic_plans::text, custom_plans::text from pg_prepared_statements`.execute(db);
  return rows;
}

// Only PostgreSQL: PGlite's driver has no named statements, and its dialect never sees the wrapped pool.
describe.runIf(testDatabaseKinds().includes("postgres"))("the draft update statement on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(() => database.close());

  it("is prepared once per connection and run again by name, with each run's own numbers", async () => {
    const [first, second] = [await addDraft(database.db), await addDraft(database.db)];
    await database.db.connection().execute(async (connection) => {
      const seqs: number[][] = [];
      for (let round = 0; round < 7; round++) seqs.push(await appendDraftUpdates(connection, [{ policyId: first, update: update(round) }]));
      expect(seqs).toEqual([[1], [2], [3], [4], [5], [6], [7]]);
      // Two drafts in one batch: a second shape, prepared beside the first.
      expect(
        await appendDraftUpdates(connection, [
          { policyId: second, update: update(1) },
          { policyId: first, update: update(8) },
        ]),
      ).toEqual([1, 8]);

      const prepared = await preparedHere(connection);
      expect(prepared).toHaveLength(2);
      const single = prepared.find((row) => row.statement.includes("join locked") === false);
      expect(single?.name).toMatch(/^accord_\d+$/);
      expect(preparedStatementName(single!.statement)).toBe(single?.name);
      // Seven runs of one prepared statement: PostgreSQL planned it (custom plans) and then reused a plan.
      expect(Number(single!.generic_plans) + Number(single!.custom_plans)).toBe(7);
    });
    const stored = await database.db
      .selectFrom("draft_updates")
      .select(["policy_id", "doc_seq"])
      .where("policy_id", "in", [first, second])
      .orderBy("policy_id")
      .orderBy("doc_seq")
      .execute();
    expect(stored.map((row) => `${row.policy_id === first ? "first" : "second"}:${row.doc_seq}`).sort()).toEqual(
      ["first:1", "first:2", "first:3", "first:4", "first:5", "first:6", "first:7", "first:8", "second:1"].sort(),
    );
  });

  it("still refuses a batch for a draft with no stored row, and the connection's next run by name works", async () => {
    const draft = await addDraft(database.db);
    await database.db.connection().execute(async (connection) => {
      await expect(appendDraftUpdates(connection, [{ policyId: randomUUID(), update: update(1) }])).rejects.toMatchObject({
        code: "23502",
      });
      expect(await appendDraftUpdates(connection, [{ policyId: draft, update: update(2) }])).toEqual([1]);
    });
  });

  it("runs a large batch unnamed: only the common shapes are kept by the database", async () => {
    const draft = await addDraft(database.db);
    const nine = Array.from({ length: 9 }, (_, index) => ({ policyId: draft, update: update(index) }));
    await database.db.connection().execute(async (connection) => {
      const before = (await preparedHere(connection)).length;
      expect(await appendDraftUpdates(connection, nine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await preparedHere(connection)).toHaveLength(before);
    });
  });
});

describe("naming statement texts", () => {
  it("names a text once, keeps its name, and stops naming at the bound", () => {
    const text = `select 'a text of this test' as ${"x".repeat(3)}`;
    const name = preparedStatementName(preparedOnEachConnection(text));
    expect(name).toMatch(/^accord_\d+$/);
    expect(preparedStatementName(preparedOnEachConnection(text))).toBe(name);
    for (let index = 0; index < maxNamedStatements; index++) preparedOnEachConnection(`select ${index} as filler`);
    const beyond = "select 'beyond the bound' as late";
    expect(preparedOnEachConnection(beyond)).toBe(beyond);
    expect(preparedStatementName(beyond)).toBeUndefined();
    expect(preparedStatementName(text)).toBe(name);
  });
});
