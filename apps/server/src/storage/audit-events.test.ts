import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@accord/domain";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../test-support/test-database.js";
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
});
