import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { sql, type Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { migrationProvider } from "@accord/migrations";
import { seedDemoData } from "../seed/demo-data.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { listAuditEvents } from "./audit-events.js";
import { migrateToLatest, type Database } from "./database.js";
import { insertPolicy } from "./policies.js";
import {
  appendDraftUpdates,
  compactDraft,
  draftUpdatesChannel,
  insertDraftDocument,
  findDraftState,
  findLatestSeqs,
  findUpdatesAfter,
} from "./drafts.js";

/** A new policy with an empty draft of its own (the demo data holds one draft; some tests need several). */
async function addDraft(db: Kysely<Database>, slug: string, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await insertPolicy(db, { id, slug, title: slug, created_by: null, created_at: now, updated_at: now });
  await insertDraftDocument(db, id, Y.encodeStateAsUpdate(new Y.Doc()), now);
  return id;
}

const auditOf = (now: Date) => ({
  occurredAt: now,
  actorId: null,
  action: "test.change",
  subjectType: "policy",
  subjectId: "p",
  payload: {},
});

describe.each(testDatabaseKinds())("appending draft updates on %s", (kind) => {
  let database: TestDatabase;
  let policyId = "";
  const now = new Date("2026-11-27T12:00:00.000Z");
  const audit = { occurredAt: now, actorId: null, action: "test.change", subjectType: "policy", subjectId: "p", payload: {} };
  const countUpdates = async () =>
    (await database.db.selectFrom("draft_updates").select("seq").where("policy_id", "=", policyId).execute()).length;

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

describe.each(testDatabaseKinds())("reading a stored draft on %s", (kind) => {
  let database: TestDatabase;
  afterAll(() => database.close());

  it("misses no update when a compaction commits between reading the snapshot and reading the log", async () => {
    database = await createTestDatabase(kind);
    const now = new Date("2026-11-27T12:00:00.000Z");
    await seedDemoData(database.db, now);
    const policyId = (await database.db.selectFrom("policies").select("id").executeTakeFirstOrThrow()).id;
    // Two committed edits in the log, on top of the snapshot.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await findDraftState(database.db, policyId))!);
    const edits: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => edits.push(update));
    doc.getMap("test").set("first", 1);
    doc.getMap("test").set("second", 2);
    const seqs = await appendDraftUpdates(
      database.db,
      edits.map((update) => ({ policyId, update })),
    );
    const complete = Y.encodeStateAsUpdate(doc);

    // A reader whose first query (the snapshot) is answered just before a compaction of both edits commits.
    let compacted = false;
    const racing = database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (!compacted) {
          compacted = true;
          await compactDraft(database.db, policyId, complete, seqs.at(-1)!, now);
        }
        return args.result;
      },
    });
    const read = new Y.Doc();
    Y.applyUpdate(read, (await findDraftState(racing, policyId))!);
    expect(compacted).toBe(true);
    expect(read.getMap("test").toJSON()).toEqual({ first: 1, second: 2 });
  });
});

describe.each(testDatabaseKinds())("each draft's own sequence on %s", (kind) => {
  let database: TestDatabase;
  let policyIds: string[] = [];
  const now = new Date("2026-11-27T12:00:00.000Z");
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, now);
    const first = (await database.db.selectFrom("policies").select("id").executeTakeFirstOrThrow()).id;
    // A second draft, so that one batch can touch two.
    policyIds = [first, await addDraft(database.db, "second-draft", now)];
  });
  afterAll(() => database.close());

  it("numbers concurrent writers' updates of one draft densely, in commit order, so that 'after N' misses none", async () => {
    const [policyId] = policyIds as [string];
    const [before] = (await findLatestSeqs(database.db, [policyId])).values();
    // Twenty writers at once (on PostgreSQL, on separate connections of the pool), two updates each.
    const batches = await Promise.all(
      Array.from({ length: 20 }, () =>
        appendDraftUpdates(database.db, [
          { policyId, update: new Uint8Array([0, 0]) },
          { policyId, update: new Uint8Array([0, 0]) },
        ]),
      ),
    );
    for (const seqs of batches) expect(seqs[1]).toBe(seqs[0]! + 1);
    const all = batches.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 40 }, (_, index) => before! + 1 + index));
    const after = await findUpdatesAfter(database.db, policyId, before! + 10);
    expect(after?.map((row) => row.seq)).toEqual(all.slice(10));
    expect((await findLatestSeqs(database.db, [policyId])).get(policyId)).toBe(before! + 40);
  });

  it("reads no tail that a compaction folded away, and keeps counting after the snapshot", async () => {
    const [policyId] = policyIds as [string];
    const latest = (await findLatestSeqs(database.db, [policyId])).get(policyId)!;
    await compactDraft(database.db, policyId, (await findDraftState(database.db, policyId))!, latest, now);
    expect(await findUpdatesAfter(database.db, policyId, latest - 1)).toBeUndefined();
    expect(await findUpdatesAfter(database.db, policyId, latest)).toEqual([]);
    expect((await findLatestSeqs(database.db, [policyId])).get(policyId)).toBe(latest);
    expect(await appendDraftUpdates(database.db, [{ policyId, update: new Uint8Array([0, 0]) }])).toEqual([latest + 1]);
  });

  it("numbers each draft of a mixed batch in its own sequence, keeping the batch's order", async () => {
    const [first, second] = policyIds as [string, string];
    const latest = await findLatestSeqs(database.db, policyIds);
    const seqs = await appendDraftUpdates(database.db, [
      { policyId: second, update: new Uint8Array([0, 0]) },
      { policyId: first, update: new Uint8Array([0, 0]) },
      { policyId: second, update: new Uint8Array([0, 0]) },
    ]);
    expect(seqs).toEqual([latest.get(second)! + 1, latest.get(first)! + 1, latest.get(second)! + 2]);
  });
  it("keeps each draft's last_seq equal to its last logged doc_seq, in autocommit and in a transaction with rows", async () => {
    const lastLogged = async (policyId: string) =>
      Number(
        (
          await database.db
            .selectFrom("draft_updates")
            .select((eb) => eb.fn.max("doc_seq").as("last"))
            .where("policy_id", "=", policyId)
            .executeTakeFirst()
        )?.last,
      );
    await appendDraftUpdates(
      database.db,
      policyIds.map((policyId) => ({ policyId, update: new Uint8Array([0, 0]) })),
    );
    await appendDraftUpdates(database.db, [
      ...policyIds.map((policyId) => ({ policyId, update: new Uint8Array([0, 0]) })),
      { policyId: policyIds[0]!, update: new Uint8Array([0, 0]), audit: { ...auditOf(now), subjectId: policyIds[0]! } },
    ]);
    const latest = await findLatestSeqs(database.db, policyIds);
    for (const policyId of policyIds) expect(latest.get(policyId)).toBe(await lastLogged(policyId));
  });

  it("commits nothing of a batch with a draft that has no stored row, and numbers on after it", async () => {
    const [policyId] = policyIds as [string];
    const before = (await findLatestSeqs(database.db, [policyId])).get(policyId)!;
    const noDraft = "00000000-0000-4000-8000-000000000000";
    const refused = appendDraftUpdates(database.db, [
      { policyId, update: new Uint8Array([0, 0]) },
      { policyId: noDraft, update: new Uint8Array([0, 0]) },
    ]);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^23/) });
    expect((await findLatestSeqs(database.db, [policyId])).get(policyId)).toBe(before);
    expect(await findUpdatesAfter(database.db, policyId, before)).toEqual([]);
    expect(await appendDraftUpdates(database.db, [{ policyId, update: new Uint8Array([0, 0]) }])).toEqual([before + 1]);
  });

  it("numbers concurrent batches of several drafts, taken in either order, densely and without a deadlock", async () => {
    const [first, second] = policyIds as [string, string];
    const before = await findLatestSeqs(database.db, policyIds);
    const batches = await Promise.all(
      Array.from({ length: 20 }, (_, index) => {
        const order = index % 2 === 0 ? [first, second, first] : [second, first, second];
        return appendDraftUpdates(
          database.db,
          order.map((policyId) => ({ policyId, update: new Uint8Array([0, 0]) })),
        ).then((seqs) => seqs.map((seq, position) => ({ policyId: order[position]!, seq })));
      }),
    );
    for (const policyId of policyIds) {
      const seqs = batches
        .flat()
        .filter((row) => row.policyId === policyId)
        .map((row) => row.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, index) => before.get(policyId)! + 1 + index));
      expect((await findUpdatesAfter(database.db, policyId, before.get(policyId)!))?.map((row) => row.seq)).toEqual(seqs);
    }
  });
});

// LISTEN needs a connection of its own, which only PostgreSQL gives here.
describe.each(testDatabaseKinds().filter((kind) => kind === "postgres"))("announcing commits with NOTIFY on %s", (kind) => {
  it("sends each draft's last sequence number of the batch, once per draft, on commit, when asked to at the commit", async () => {
    const database = await createTestDatabase(kind);
    let client: pg.Client | undefined;
    try {
      const now = new Date("2026-11-27T12:00:00.000Z");
      const first = await addDraft(database.db, "first", now);
      const second = await addDraft(database.db, "second", now);
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
      const url = new URL(inject("postgresTemplate")!.adminUrl);
      url.pathname = `/${rows[0]!.name}`;
      const heard: string[] = [];
      client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      client.on("notification", (message) => heard.push(message.payload ?? ""));
      await client.query(`listen ${draftUpdatesChannel}`);
      // Asked at each commit (the relay answers "while Redis is down"): a batch committed while it says
      // no is not announced; notifications arrive in commit order, so it would be heard before the next.
      let announce = false;
      await appendDraftUpdates(database.db, [{ policyId: first, update: new Uint8Array([0, 0]) }], { notify: () => announce });
      announce = true;
      const seqs = await appendDraftUpdates(
        database.db,
        [first, second, first].map((policyId) => ({ policyId, update: new Uint8Array([0, 0]) })),
        { notify: () => announce },
      );
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(2);
      expect(heard.sort()).toEqual([`${first}:${seqs[2]}`, `${second}:${seqs[1]}`].sort());
      await appendDraftUpdates(database.db, [{ policyId: second, update: new Uint8Array([0, 0]) }], { notify: true });
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(3);
    } finally {
      await client?.end();
      await database.close();
    }
  });
});

describe.each(testDatabaseKinds())("each draft's last sequence number kept on its row (migration 0013) on %s", (kind) => {
  it("is backfilled from the log's last doc_seq, or the snapshot's compacted_seq when the log is empty", async () => {
    const database = await createTestDatabase(kind);
    try {
      const { db } = database;
      await seedDemoData(db, new Date("2026-11-27T12:00:00.000Z"));
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo("0012-email-claim-lease")).error).toBeUndefined();
      const now = new Date("2026-11-27T12:00:00.000Z");
      const logged = await addDraft(db, "logged", now);
      const compacted = await addDraft(db, "compacted", now);
      const fresh = await addDraft(db, "fresh", now);
      await sql`delete from draft_updates`.execute(db);
      await sql`update draft_documents set compacted_seq = 4 where policy_id = ${logged}`.execute(db);
      for (const docSeq of [5, 6, 7]) {
        await sql`insert into draft_updates (policy_id, doc_seq, update) values (${logged}, ${docSeq}, ${new Uint8Array([0, 0])})`.execute(
          db,
        );
      }
      await sql`update draft_documents set compacted_seq = 12 where policy_id = ${compacted}`.execute(db);
      await migrateToLatest(db);
      const latest = await findLatestSeqs(db, [logged, compacted, fresh]);
      expect(Object.fromEntries(latest)).toEqual({ [logged]: 7, [compacted]: 12, [fresh]: 0 });
      expect(await appendDraftUpdates(db, [{ policyId: logged, update: new Uint8Array([0, 0]) }])).toEqual([8]);
      expect(await appendDraftUpdates(db, [{ policyId: compacted, update: new Uint8Array([0, 0]) }])).toEqual([13]);
    } finally {
      await database.close();
    }
  });
});

describe.each(testDatabaseKinds())("numbering the updates logged before each draft had its own sequence (migration 0011) on %s", (kind) => {
  it("numbers each draft's rows in seq order, after its snapshot's compacted_seq", async () => {
    const database = await createTestDatabase(kind);
    try {
      const { db } = database;
      await seedDemoData(db, new Date("2026-11-27T12:00:00.000Z"));
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo("0010-notification-preferences")).error).toBeUndefined();
      const [first, second] = (await db.selectFrom("draft_documents").select("policy_id").orderBy("policy_id").execute()).map(
        (row) => row.policy_id,
      );
      await sql`delete from draft_updates`.execute(db);
      await sql`update draft_documents set compacted_seq = 7 where policy_id = ${first}`.execute(db);
      // Interleaved, as two drafts' updates were in the one global sequence.
      for (const policyId of [first, second, first, second, first]) {
        if (policyId) await sql`insert into draft_updates (policy_id, update) values (${policyId}, ${new Uint8Array([0, 0])})`.execute(db);
      }
      await migrateToLatest(db);
      const rows = await db.selectFrom("draft_updates").select(["policy_id", "doc_seq"]).orderBy("seq").execute();
      const of = (policyId: string | undefined) => rows.filter((row) => row.policy_id === policyId).map((row) => Number(row.doc_seq));
      expect(of(first)).toEqual([8, 9, 10]);
      if (second) expect(of(second)).toEqual([1, 2]);
      expect((await findLatestSeqs(db, [first!])).get(first!)).toBe(10);
    } finally {
      await database.close();
    }
  });
});

// Several processes share PostgreSQL; on the embedded database one process is alone with its drafts.
describe.each(testDatabaseKinds().filter((kind) => kind === "postgres"))("folding a draft from several processes on %s", (kind) => {
  let database: TestDatabase;
  let policyId = "";
  const now = new Date("2026-11-27T12:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, now);
    policyId = (await database.db.selectFrom("policies").select("id").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => database.close());

  it("lets one process fold a draft at a time: another fold meanwhile writes nothing, and a later one does", async () => {
    await appendDraftUpdates(database.db, [{ policyId, update: new Uint8Array([0, 0]) }]);
    const latest = (await findLatestSeqs(database.db, [policyId])).get(policyId)!;
    const state = (await findDraftState(database.db, policyId))!;
    // Another process is folding this draft: it holds the draft's fold lock in its open transaction.
    await database.db.transaction().execute(async (otherProcess) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`draft_compaction:${policyId}`}))`.execute(otherProcess);
      expect(await compactDraft(database.db, policyId, state, latest, now)).toBe(false);
      expect(await findUpdatesAfter(database.db, policyId, latest - 1)).toHaveLength(1);
    });
    expect(await compactDraft(database.db, policyId, state, latest, now)).toBe(true);
    expect(await findUpdatesAfter(database.db, policyId, latest - 1)).toBeUndefined();
  });
});
