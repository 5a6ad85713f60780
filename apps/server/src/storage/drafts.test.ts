import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../seed/demo-data.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../test-support/test-database.js";
import { listAuditEvents } from "./audit-events.js";
import { appendDraftUpdates } from "./drafts.js";

describe.each(testDatabaseKinds())("appending draft updates on %s", (kind) => {
  let database: TestDatabase;
  let policyId = "";
  const now = new Date("2026-11-27T12:00:00.000Z");
  const audit = { occurredAt: now, actorId: null, action: "test.change", subjectType: "policy", subjectId: "p", payload: {} };
  const countUpdates = async () => (await database.db.selectFrom("draft_updates").select("seq").where("policy_id", "=", policyId).execute()).length;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, now);
    policyId = (await database.db.selectFrom("policies").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => database.close());

  it("writes a server-made change's other rows in the transaction of its update and audit record", async () => {
    const updatesBefore = await countUpdates();
    const seen: number[] = [];
    const seqs = await appendDraftUpdates(database.db, [
      { policyId, update: new Uint8Array([0, 0]) },
      {
        policyId,
        update: new Uint8Array([0, 0]),
        audit,
        // Inside the transaction: the batch's updates are already visible to it.
        alsoWrite: async (trx) => {
          seen.push((await trx.selectFrom("draft_updates").select("seq").where("policy_id", "=", policyId).execute()).length);
        },
      },
    ]);
    expect(seqs).toHaveLength(2);
    expect(seen).toEqual([updatesBefore + 2]);
  });

  it("commits nothing of the batch, neither updates nor audit record, when those rows fail", async () => {
    const updatesBefore = await countUpdates();
    const auditBefore = (await listAuditEvents(database.db)).length;
    const failing = appendDraftUpdates(database.db, [
      { policyId, update: new Uint8Array([0, 0]) },
      { policyId, update: new Uint8Array([0, 0]), audit, alsoWrite: async () => Promise.reject(new Error("the extra rows failed")) },
    ]);
    await expect(failing).rejects.toThrow("the extra rows failed");
    expect(await countUpdates()).toBe(updatesBefore);
    expect(await listAuditEvents(database.db)).toHaveLength(auditBefore);
  });
});
