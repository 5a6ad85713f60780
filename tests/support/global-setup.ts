import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import type { TestProject } from "vitest/node";
import { createDatabase, migrateToLatest, type Database } from "../../apps/server/src/storage/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dumped, migrated PGlite data directory to start each test database from. */
    pgliteTemplatePath: string;
    /** A migrated PostgreSQL template database, when TEST_DATABASE_URL is set. */
    postgresTemplate: { adminUrl: string; name: string } | null;
  }
}

// Runs once per test run: migrates one database of each kind, which every test file then copies.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(tmpdir(), "accord-test-"));
  const templatePath = path.join(folder, "pglite-template.tar");
  await writeFile(templatePath, Buffer.from(await (await migratedPGliteDump()).arrayBuffer()));
  project.provide("pgliteTemplatePath", templatePath);

  let cleanupPostgres = async () => {};
  const adminUrl = process.env.TEST_DATABASE_URL?.trim();
  if (adminUrl) {
    const name = `accord_template_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const templateDb = await createDatabase({ kind: "postgres", url: url.toString() });
    await migrateToLatest(templateDb.db);
    await templateDb.db.destroy();
    project.provide("postgresTemplate", { adminUrl, name });
    cleanupPostgres = async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  } else {
    project.provide("postgresTemplate", null);
  }

  return async () => {
    await cleanupPostgres();
    await rm(folder, { recursive: true, force: true });
  };
}

/** A migrated PGlite data directory, dumped. Kysely is not destroyed first: that would close PGlite. */
async function migratedPGliteDump(): Promise<Blob> {
  const pglite = await PGlite.create();
  await migrateToLatest(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  return dump;
}
