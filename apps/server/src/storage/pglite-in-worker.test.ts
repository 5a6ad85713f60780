import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "./database-errors.js";
import { createDatabase, embeddedSharedBuffers } from "./database.js";
import { lockFileName } from "./data-dir-lock.js";
import { createEmbeddedFolder, PGliteInWorker, PGliteWorkerStoppedError } from "./pglite-in-worker.js";
import { PGliteWorkerDialect } from "./pglite-worker-dialect.js";

interface ScratchTables {
  items: { id: number; body: Uint8Array | null; note: string | null };
}

// One folder for the file: creating a database (initdb) takes seconds, reopening one well under that.
let folder: string;
let client: PGliteInWorker;
let db: Kysely<ScratchTables>;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "accord-pglite-worker-"));
  client = await PGliteInWorker.start({ dataDir: folder, extraStartParams: ["-c", `shared_buffers=${embeddedSharedBuffers}`] });
  db = new Kysely<ScratchTables>({ dialect: new PGliteWorkerDialect(client) });
  await sql`create table items (id int primary key, body bytea, note text)`.execute(db);
}, 180_000);

afterAll(async () => {
  await db?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("PGlite on a worker thread", () => {
  it("returns rows typed as PGlite parses them, and runs with the smaller buffer pool", async () => {
    const { rows } = await sql<{
      whole: number;
      big: number;
      at: Date;
      bytes: Uint8Array;
      doc: { a: number[] };
      buffers: string;
    }>`select 7::int as whole, 12345678901234::int8 as big, '2026-12-07T10:00:00Z'::timestamptz as at,
        '\\x0a0b0c'::bytea as bytes, '{"a":[1,2]}'::jsonb as doc, current_setting('shared_buffers') as buffers`.execute(db);
    expect(rows).toEqual([
      {
        whole: 7,
        big: 12345678901234,
        at: new Date("2026-12-07T10:00:00Z"),
        bytes: new Uint8Array([10, 11, 12]),
        doc: { a: [1, 2] },
        buffers: embeddedSharedBuffers,
      },
    ]);
  });

  it("stores exactly the bytes of a parameter that views part of a larger buffer", async () => {
    const larger = new Uint8Array(64 * 1024).map((_, index) => index % 251);
    const part = larger.subarray(1000, 1010);
    await db.insertInto("items").values({ id: 1, body: part, note: null }).execute();
    const stored = await db.selectFrom("items").select("body").where("id", "=", 1).executeTakeFirstOrThrow();
    expect(stored.body).toEqual(new Uint8Array(part));
  });

  it("keeps a database error's SQLSTATE code and detail", async () => {
    await db.insertInto("items").values({ id: 2, body: null, note: "first" }).execute();
    const refused = await db
      .insertInto("items")
      .values({ id: 2, body: null, note: "again" })
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(refused)).toBe(true);
    expect(refused).toMatchObject({ code: "23505", constraint: "items_pkey", message: expect.stringMatching(/duplicate key/) });
    expect((refused as { detail?: string }).detail).toMatch(/\(id\)=\(2\)/);
  });

  it("lets no other statement into a transaction: others wait for its end and see only what it committed", async () => {
    let outsideAnswered = false;
    let outside: Promise<number> | undefined;
    await db.transaction().execute(async (tx) => {
      await tx.insertInto("items").values({ id: 10, body: null, note: "in a transaction" }).execute();
      outside = db
        .selectFrom("items")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("id", "=", 10)
        .executeTakeFirstOrThrow()
        .then((row) => {
          outsideAnswered = true;
          return Number(row.count);
        });
      // Two more round trips to the worker inside the transaction: the outside read could have gone in
      // between, had the connection not been this transaction's alone.
      await tx.updateTable("items").set({ note: "still in it" }).where("id", "=", 10).execute();
      await tx.selectFrom("items").select("note").where("id", "=", 10).execute();
      expect(outsideAnswered).toBe(false);
    });
    expect(await outside).toBe(1);
  });

  it("keeps nothing of a transaction that failed, and goes on serving", async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto("items").values({ id: 20, body: null, note: "rolled back" }).execute();
        await tx.insertInto("items").values({ id: 20, body: null, note: "duplicate" }).execute();
      }),
    ).rejects.toMatchObject({ code: "23505" });
    const left = await db.selectFrom("items").select("id").where("id", "=", 20).execute();
    expect(left).toEqual([]);
  });
});

describe("a closed PGlite worker", () => {
  it("refuses further queries, and closing again does nothing", { timeout: 180_000 }, async () => {
    const own = mkdtempSync(path.join(tmpdir(), "accord-pglite-closed-"));
    try {
      const closing = await PGliteInWorker.start({ dataDir: own, extraStartParams: [] });
      expect((await closing.query("select 41 + 1 as answer")).rows).toEqual([{ answer: 42 }]);
      await closing.close();
      expect(closing.closed).toBe(true);
      await expect(closing.query("select 1")).rejects.toBeInstanceOf(PGliteWorkerStoppedError);
      await closing.close();
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe("an embedded database in its folder", () => {
  it("runs on a worker thread, writes its data to the folder on destroy and lets go of the folder", { timeout: 180_000 }, async () => {
    const own = mkdtempSync(path.join(tmpdir(), "accord-pglite-embedded-"));
    try {
      const first = await createDatabase({ kind: "embedded", dataDir: own }, { purpose: "the Accord server" });
      await sql`create table notes (body text)`.execute(first.db);
      await sql`insert into notes values ('kept')`.execute(first.db);
      await first.db.destroy();
      expect(existsSync(path.join(own, lockFileName))).toBe(false);

      const second = await createDatabase({ kind: "embedded", dataDir: own }, { purpose: "the Accord server", mustExist: true });
      try {
        const { rows } = await sql<{ body: string }>`select body from notes`.execute(second.db);
        expect(rows).toEqual([{ body: "kept" }]);
      } finally {
        await second.db.destroy();
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("reports why a folder could not be created, from the child process that tried", { timeout: 120_000 }, async () => {
    const own = mkdtempSync(path.join(tmpdir(), "accord-pglite-unmakeable-"));
    try {
      const notAFolder = path.join(own, "a-file");
      writeFileSync(notAFolder, "not a database folder");
      await expect(createEmbeddedFolder({ dataDir: notAFolder, extraStartParams: [] })).rejects.toThrow(
        new RegExp(`Creating the embedded database in ${notAFolder} failed \\(exit code [1-9]`),
      );
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
