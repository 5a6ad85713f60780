import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type OpenDatabase } from "../../apps/server/src/storage/database.js";

/** The databases the API tests run against: always the embedded one, and PostgreSQL when configured. */
export type TestDatabaseKind = "pglite" | "postgres";

/** The kinds to test with: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, migrated, empty database for one test file, and how to throw it away. */
export interface TestDatabase extends OpenDatabase {
  kind: TestDatabaseKind;
  close(): Promise<void>;
}

/**
 * Creates a database from the migrated template the global setup made: PGlite loads a dumped data
 * directory (about 1 s, against 2 to 7 s to create one); PostgreSQL copies a template database.
 */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dump = await readFile(inject("pgliteTemplatePath"));
    const open = await createDatabase({ kind: "memory", loadDataDir: new Blob([dump]) });
    return { ...open, kind, close: () => open.db.destroy() };
  }
  const template = inject("postgresTemplate");
  if (!template) throw new Error("TEST_DATABASE_URL is not set, so there is no PostgreSQL to test against.");
  const name = `accord_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(template.adminUrl);
  url.pathname = `/${name}`;
  const open = await createDatabase({ kind: "postgres", url: url.toString() });
  return {
    ...open,
    kind,
    close: async () => {
      await open.db.destroy();
      const dropper = new pg.Client({ connectionString: template.adminUrl });
      await dropper.connect();
      try {
        // The pool's end resolves once its clients are asked to end, not once their sessions are gone:
        // a forced drop would terminate a session still ending, whose client then reports an error
        // nobody listens to any more. So wait (up to 5 s) for the sessions to leave, then drop.
        for (let attempt = 0; attempt < 100; attempt++) {
          const sessions = await dropper.query("select count(*)::int as count from pg_stat_activity where datname = $1", [name]);
          if ((sessions.rows[0] as { count: number }).count === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
