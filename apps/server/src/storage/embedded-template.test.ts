import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import type { MigrationProvider } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationProvider } from "@accord/migrations";
import { createDatabase, embeddedDatabaseExists, embeddedStartParams, migrateToLatest, type Database } from "./database.js";
import { lockFileName } from "./data-dir-lock.js";
import {
  buildEmbeddedTemplate,
  installedPGliteVersion,
  migrationDigest,
  readEmbeddedTemplate,
  type EmbeddedTemplateManifest,
} from "./embedded-template.js";

// Each template is a real initdb plus the real migrations (tens of seconds on a busy machine): two are
// built once for the file, one with every migration and one without the newest.
const scratch = mkdtempSync(path.join(tmpdir(), "accord-template-"));
const fullTemplate = path.join(scratch, "full");
const olderTemplate = path.join(scratch, "older");
const startData = { extraStartParams: embeddedStartParams };
let allMigrations: string[];

/** The migrations without the newest: what a template built before that migration was written holds. */
const olderProvider: MigrationProvider = {
  async getMigrations() {
    const all = await migrationProvider.getMigrations();
    return Object.fromEntries(Object.entries(all).slice(0, -1));
  },
};

beforeAll(async () => {
  allMigrations = Object.keys(await migrationProvider.getMigrations());
  await buildEmbeddedTemplate(fullTemplate, migrationProvider, startData);
  await buildEmbeddedTemplate(olderTemplate, olderProvider, startData);
}, 900_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function newDataDir(): string {
  return mkdtempSync(path.join(scratch, "data-"));
}

/** Everything a migration makes: tables and columns, constraints, indexes, and the migrations recorded. */
async function schemaOf(db: Kysely<Database>) {
  const columns = await sql<Record<string, unknown>>`
    select table_name, column_name, ordinal_position, data_type, is_nullable, column_default
    from information_schema.columns where table_schema = 'public'
    order by table_name, ordinal_position`.execute(db);
  const constraints = await sql<Record<string, unknown>>`
    select c.conrelid::regclass::text as table_name, c.conname, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'
    order by 1, 2`.execute(db);
  const indexes = await sql<Record<string, unknown>>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`.execute(db);
  const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return {
    columns: columns.rows,
    constraints: constraints.rows,
    indexes: indexes.rows,
    migrations: migrations.rows.map((row) => row.name),
  };
}

describe("the embedded database's template", () => {
  it("records the migrations it holds and its PGlite, and every file of its folder", () => {
    const manifest = JSON.parse(readFileSync(path.join(fullTemplate, "manifest.json"), "utf8")) as EmbeddedTemplateManifest;
    expect(manifest.migrations).toEqual(allMigrations);
    expect(manifest.pgliteVersion).toBe(installedPGliteVersion());
    expect(manifest.files).toContainEqual({ path: "PG_VERSION", size: statSync(path.join(fullTemplate, "data", "PG_VERSION")).size });
    const older = JSON.parse(readFileSync(path.join(olderTemplate, "manifest.json"), "utf8")) as EmbeddedTemplateManifest;
    expect(older.migrations).toEqual(allMigrations.slice(0, -1));
    // Nothing of the build is left beside it.
    expect(readdirSync(scratch).filter((name) => name.includes(".building-"))).toEqual([]);
  });

  it(
    "gives a first start the same schema and migration rows as a start without it, and says where the database came from",
    { timeout: 600_000 },
    async () => {
      const fromTemplate = await createDatabase({ kind: "embedded", dataDir: newDataDir(), template: fullTemplate });
      const withoutFolder = newDataDir();
      const withoutTemplate = await createDatabase({ kind: "embedded", dataDir: withoutFolder, template: path.join(scratch, "none") });
      try {
        expect(fromTemplate.firstStart).toEqual({ from: "template", templateMigrations: allMigrations });
        expect(withoutTemplate.firstStart).toEqual({
          from: "initdb",
          reason: `there is no template at ${path.join(scratch, "none")} (\`pnpm build\` makes it)`,
        });
        expect(await migrateToLatest(fromTemplate.db)).toEqual([]);
        expect(await migrateToLatest(withoutTemplate.db)).toEqual(allMigrations);
        const expected = await schemaOf(withoutTemplate.db);
        expect(expected.migrations).toEqual(allMigrations);
        expect(expected.columns.length).toBeGreaterThan(100);
        expect(await schemaOf(fromTemplate.db)).toEqual(expected);
      } finally {
        await fromTemplate.db.destroy();
        await withoutTemplate.db.destroy();
      }
      // A folder that holds a database is opened as it is: no first start any more.
      const reopened = await createDatabase({ kind: "embedded", dataDir: withoutFolder, template: fullTemplate });
      try {
        expect(reopened.firstStart).toBeUndefined();
        expect((await schemaOf(reopened.db)).migrations).toEqual(allMigrations);
      } finally {
        await reopened.db.destroy();
      }
    },
  );

  it("still ends fully migrated when the template lacks the newest migration", { timeout: 300_000 }, async () => {
    const fromOlder = await createDatabase({ kind: "embedded", dataDir: newDataDir(), template: olderTemplate });
    const fromFull = await createDatabase({ kind: "embedded", dataDir: newDataDir(), template: fullTemplate });
    try {
      expect(fromOlder.firstStart).toEqual({ from: "template", templateMigrations: allMigrations.slice(0, -1) });
      expect(await migrateToLatest(fromOlder.db)).toEqual(allMigrations.slice(-1));
      expect(await migrateToLatest(fromFull.db)).toEqual([]);
      expect(await schemaOf(fromOlder.db)).toEqual(await schemaOf(fromFull.db));
    } finally {
      await fromOlder.db.destroy();
      await fromFull.db.destroy();
    }
  });

  it("is refused, with the reason, when its manifest is missing or unreadable, or it does not match this server", async () => {
    const known = await migrationProvider.getMigrations();
    const [firstName] = allMigrations;
    const good: EmbeddedTemplateManifest = {
      format: 1,
      pgliteVersion: installedPGliteVersion(),
      migrations: [firstName!],
      migrationDigests: { [firstName!]: migrationDigest(known[firstName!]!) },
      files: [
        { path: "PG_VERSION", size: 3 },
        { path: "base/1/112", size: 5 },
      ],
      createdAt: "2026-12-07T10:00:00.000Z",
    };
    const fake = path.join(scratch, "fake");
    mkdirSync(path.join(fake, "data", "base", "1"), { recursive: true });
    writeFileSync(path.join(fake, "data", "PG_VERSION"), "17\n");
    writeFileSync(path.join(fake, "data", "base", "1", "112"), "abcde");
    const problemWith = (manifest: unknown) => {
      writeFileSync(path.join(fake, "manifest.json"), typeof manifest === "string" ? manifest : JSON.stringify(manifest));
      const read = readEmbeddedTemplate(fake, known);
      return "problem" in read ? read.problem : null;
    };
    expect(problemWith(good)).toBeNull();
    expect(problemWith("{ half a manifest")).toMatch(/^the template's .*manifest\.json cannot be read: /);
    expect(problemWith({ ...good, format: 2 })).toMatch(/is not a template manifest this server knows$/);
    expect(problemWith({ ...good, pgliteVersion: "0.0.1" })).toBe(
      `the template was made by PGlite 0.0.1, this server runs ${installedPGliteVersion()}`,
    );
    expect(problemWith({ ...good, migrations: [firstName, "9999-from-another-branch"] })).toBe(
      "the template holds migration 9999-from-another-branch, which this server does not know",
    );
    expect(problemWith({ ...good, migrationDigests: { [firstName!]: "0".repeat(64) } })).toMatch(
      new RegExp(`^migration ${firstName}'s code differs from the template's`),
    );
    expect(problemWith({ ...good, files: [...good.files, { path: "global/pg_control", size: 8192 }] })).toBe(
      "the template's file global/pg_control is missing",
    );
    expect(
      problemWith({
        ...good,
        files: [
          { path: "PG_VERSION", size: 3 },
          { path: "base/1/112", size: 8192 },
        ],
      }),
    ).toBe("the template's file base/1/112 has 5 bytes, not 8192");
    rmSync(path.join(fake, "manifest.json"));
    const read = readEmbeddedTemplate(fake, known);
    expect("problem" in read && read.problem).toBe(`there is no template at ${fake} (\`pnpm build\` makes it)`);
  });

  it("falls back to initdb in the same folder, saying why, when the files it copied cannot be opened", { timeout: 600_000 }, async () => {
    // Every file present and of the right size, but PostgreSQL's control file is garbage.
    const corrupt = path.join(scratch, "corrupt");
    cpSync(fullTemplate, corrupt, { recursive: true });
    const control = path.join(corrupt, "data", "global", "pg_control");
    writeFileSync(control, Buffer.alloc(statSync(control).size, 0x5a));
    expect("manifest" in readEmbeddedTemplate(corrupt, await migrationProvider.getMigrations())).toBe(true);
    const dataDir = newDataDir();
    const opened = await createDatabase({ kind: "embedded", dataDir, template: corrupt });
    try {
      expect(opened.firstStart).toMatchObject({
        from: "initdb",
        reason: expect.stringMatching(new RegExp(`^the database copied from the template at ${corrupt} could not be used: `)),
      });
      expect(await migrateToLatest(opened.db)).toEqual(allMigrations);
      expect((await schemaOf(opened.db)).migrations).toEqual(allMigrations);
      expect(existsSync(path.join(dataDir, lockFileName))).toBe(true);
    } finally {
      await opened.db.destroy();
    }
    expect(embeddedDatabaseExists(dataDir)).toBe(true);
  });
});
