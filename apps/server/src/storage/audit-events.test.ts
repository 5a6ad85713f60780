import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainAuditEvent, verifyAuditChain } from "@accord/domain";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { appendAuditEvent, listAuditEvents } from "./audit-events.js";

describe.each(testDatabaseKinds())("the stored audit chain on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  const record = (index: number) => ({
    occurredAt: new Date(Date.UTC(2026, 10, 27, 12, 0, index)),
    actorId: null,
    action: "member.added",
    subjectType: "policy",
    subjectId: "p1",
    payload: { userId: `user-${index}`, nested: { list: [1, "two", null] } },
  });

  it("chains concurrent appends one after another, without gaps or forks", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => database.db.transaction().execute((trx) => appendAuditEvent(trx, record(index)))),
    );
    const events = await listAuditEvents(database.db);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(verifyAuditChain(events)).toMatchObject({ ok: true, count: 12 });
  });

  it("reads back exactly what was hashed (payload, time, nulls)", async () => {
    const [first] = await listAuditEvents(database.db);
    expect(first?.payload).toMatchObject({ nested: { list: [1, "two", null] } });
    expect(first?.occurredAt).toMatch(/^2026-11-27T12:00:\d\d\.000Z$/);
  });

  it("refuses to update, delete or truncate an entry", async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it("names the first broken entry when someone with database rights tampers with the chain", async () => {
    await sql`alter table audit_events disable trigger user`.execute(database.db);
    try {
      await sql`update audit_events set payload = '{"userId":"intruder"}'::jsonb where seq = 5`.execute(database.db);
      expect(verifyAuditChain(await listAuditEvents(database.db))).toMatchObject({ ok: false, brokenAt: 5 });

      await sql`delete from audit_events where seq = 3`.execute(database.db);
      expect(verifyAuditChain(await listAuditEvents(database.db))).toMatchObject({ ok: false, brokenAt: 3 });
    } finally {
      await sql`alter table audit_events enable trigger user`.execute(database.db);
    }
  });

  it("names the place where entries were reordered, and detects truncation and a rewrite against a recorded head", async () => {
    // A chain of its own: the test before this one broke the shared one on purpose.
    const database = await createTestDatabase(kind);
    for (let index = 0; index < 12; index++) await database.db.transaction().execute((trx) => appendAuditEvent(trx, record(index)));
    const events = await listAuditEvents(database.db);
    const head = { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash };
    await sql`alter table audit_events disable trigger user`.execute(database.db);
    try {
      // Reorder: swap the contents of entries 6 and 7 (their sequence numbers stay in place).
      const [six, seven] = [events[5]!, events[6]!];
      await sql`update audit_events set seq = -6 where seq = 6`.execute(database.db);
      await sql`update audit_events set seq = 6 where seq = 7`.execute(database.db);
      await sql`update audit_events set seq = 7 where seq = -6`.execute(database.db);
      expect(verifyAuditChain(await listAuditEvents(database.db))).toMatchObject({ ok: false });
      await sql`update audit_events set seq = -6 where seq = 7`.execute(database.db);
      await sql`update audit_events set seq = 7 where seq = 6`.execute(database.db);
      await sql`update audit_events set seq = 6 where seq = -6`.execute(database.db);
      expect([six.hash, seven.hash]).toEqual([
        (await listAuditEvents(database.db))[5]!.hash,
        (await listAuditEvents(database.db))[6]!.hash,
      ]);

      // Truncate the tail: the chain alone still verifies, the recorded head does not.
      await sql`delete from audit_events where seq > 9`.execute(database.db);
      expect(verifyAuditChain(await listAuditEvents(database.db)).ok).toBe(true);
      expect(verifyAuditChain(await listAuditEvents(database.db), [head])).toMatchObject({ ok: false, brokenAt: 10 });

      // Rewrite from entry 8 on with consistent hashes: only the recorded head reveals it.
      const kept = (await listAuditEvents(database.db)).slice(0, 7);
      await sql`delete from audit_events where seq >= 8`.execute(database.db);
      let previous = kept.at(-1)!;
      for (let index = 8; index <= head.seq; index++) {
        const forged = chainAuditEvent(previous, {
          occurredAt: new Date(Date.UTC(2026, 10, 27, 13)).toISOString(),
          actorId: null,
          action: "member.added",
          subjectType: "policy",
          subjectId: "p1",
          payload: { userId: "forger" },
        });
        await database.db
          .insertInto("audit_events")
          .values({
            seq: forged.seq,
            occurred_at: forged.occurredAt,
            actor_id: null,
            action: forged.action,
            subject_type: forged.subjectType,
            subject_id: forged.subjectId,
            payload: JSON.stringify(forged.payload) as never,
            prev_hash: forged.prevHash,
            hash: forged.hash,
          })
          .execute();
        previous = forged;
      }
      const rewritten = await listAuditEvents(database.db);
      expect(verifyAuditChain(rewritten).ok).toBe(true);
      expect(verifyAuditChain(rewritten, [head])).toMatchObject({
        ok: false,
        brokenAt: head.seq,
        reason: expect.stringContaining("rewritten"),
      });
    } finally {
      await database.close();
    }
  });
});
