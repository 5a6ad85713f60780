import { constants, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Kysely } from "kysely";
import { createHash } from "node:crypto";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";
import { createEmbeddedFolder, PGliteInWorker } from "./pglite-in-worker.js";
import type { PGliteWorkerData } from "./pglite-worker-protocol.js";
import { PGliteWorkerDialect } from "./pglite-worker-dialect.js";

/**
 * The embedded database's template: a data folder that `pnpm build` creates and migrates once, so that
 * a first start copies it (well under a second) instead of running initdb in WebAssembly and every
 * migration (11 to 22 s on a shared 2-core machine). The server still runs its migrator afterwards,
 * which applies only the migrations newer than the template: a stale template gives the same database.
 *
 * Layout: `<template>/manifest.json` (what it holds) and `<template>/data/` (the PostgreSQL folder,
 * closed cleanly). A folder copy, not PGlite's `dumpDataDir` tarball: restoring the tarball with
 * `loadDataDir` took 6.2 s against 0.8 s for the copy plus 2.5 s for the first open (load average 11).
 */

/** What a template holds, written last by the build, so a template without it is an unfinished one. */
export interface EmbeddedTemplateManifest {
  format: 1;
  /** The PGlite that created it: another version may not read its files. */
  pgliteVersion: string;
  /** The migrations applied to it, in order (its `kysely_migration` rows). */
  migrations: string[];
  /** Each of those migrations' code digest (`migrationDigest`): one edited since (on a branch) is not applied here. */
  migrationDigests: Record<string, string>;
  /** Every file of `data/`, relative and with `/`, and its size: a copy that lost one is refused. */
  files: { path: string; size: number }[];
  createdAt: string;
}

/** Where `pnpm build` puts the template: apps/server/dist/embedded-template (from src/ or dist/ alike). */
export const defaultEmbeddedTemplateDir = fileURLToPath(new URL("../../dist/embedded-template", import.meta.url));

const manifestName = "manifest.json";
const dataName = "data";
/** PostgreSQL's mark of a data folder (see database.ts), copied last: a half-copied folder is no database. */
const versionFileName = "PG_VERSION";

/** The version of the PGlite package this server runs. */
export function installedPGliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const packageJson = JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  return packageJson.version;
}

function listFiles(root: string, relative = ""): { path: string; size: number }[] {
  const files: { path: string; size: number }[] = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(root, child));
    else files.push({ path: child, size: statSync(path.join(root, child)).size });
  }
  return files;
}

/**
 * A digest of a migration's code (its `up` and `down` as compiled). A migration is not edited once
 * released, but one being written is: a template holding its earlier text would never get the new one.
 */
export function migrationDigest(migration: Migration): string {
  return createHash("sha256")
    .update(`${migration.up.toString()}\n${migration.down?.toString() ?? ""}`)
    .digest("hex");
}

/** The template's manifest, or why it cannot be used. Checks only what is cheap: no file is read whole. */
export function readEmbeddedTemplate(
  templateDir: string,
  knownMigrations: Record<string, Migration>,
): { manifest: EmbeddedTemplateManifest } | { problem: string } {
  const manifestPath = path.join(templateDir, manifestName);
  if (!existsSync(manifestPath)) return { problem: `there is no template at ${templateDir} (\`pnpm build\` makes it)` };
  let manifest: EmbeddedTemplateManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as EmbeddedTemplateManifest;
  } catch (error) {
    return { problem: `the template's ${manifestPath} cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (
    manifest?.format !== 1 ||
    !Array.isArray(manifest.migrations) ||
    typeof manifest.migrationDigests !== "object" ||
    manifest.migrationDigests === null ||
    !Array.isArray(manifest.files)
  ) {
    return { problem: `the template's ${manifestPath} is not a template manifest this server knows` };
  }
  const pgliteVersion = installedPGliteVersion();
  if (manifest.pgliteVersion !== pgliteVersion) {
    return { problem: `the template was made by PGlite ${String(manifest.pgliteVersion)}, this server runs ${pgliteVersion}` };
  }
  // A template migrated further than this server's code (built from another branch) is not a base to migrate from.
  for (const name of manifest.migrations) {
    const known = knownMigrations[name];
    if (!known) return { problem: `the template holds migration ${name}, which this server does not know` };
    if (manifest.migrationDigests[name] !== migrationDigest(known)) {
      return {
        problem: `migration ${name}'s code differs from the template's (edited since \`pnpm build\`, or run from the sources rather than the build)`,
      };
    }
  }
  if (!manifest.files.some((file) => file.path === versionFileName)) return { problem: `the template lists no ${versionFileName}` };
  const dataDir = path.join(templateDir, dataName);
  for (const file of manifest.files) {
    let size: number;
    try {
      size = statSync(path.join(dataDir, file.path)).size;
    } catch {
      return { problem: `the template's file ${file.path} is missing` };
    }
    if (size !== file.size) return { problem: `the template's file ${file.path} has ${size} bytes, not ${file.size}` };
  }
  return { manifest };
}

/**
 * Copies the template's database into `dataDir` (which holds none; the caller holds its lock).
 * PG_VERSION goes last, so an interrupted copy leaves a folder that the next start still treats as new.
 */
export function restoreEmbeddedTemplate(templateDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  for (const name of templateEntries(templateDir)) {
    // A copy-on-write clone where the file system can, a plain copy elsewhere. Never a hard link:
    // PostgreSQL writes its files in place, and would write into the template.
    const from = path.join(templateDir, dataName, name);
    cpSync(from, path.join(dataDir, name), { recursive: true, force: true, mode: constants.COPYFILE_FICLONE });
  }
}

/**
 * Takes whatever a restore copied back out of `dataDir` (when the copy failed or PGlite could not open
 * it), PG_VERSION first; the folder's other files (its lock) stay.
 */
export function removeRestoredTemplate(templateDir: string, dataDir: string): void {
  for (const name of templateEntries(templateDir).reverse()) rmSync(path.join(dataDir, name), { recursive: true, force: true });
}

/** The top-level names of the template's data folder, PG_VERSION last. */
function templateEntries(templateDir: string): string[] {
  const names = readdirSync(path.join(templateDir, dataName));
  return names.sort((a, b) => Number(a === versionFileName) - Number(b === versionFileName) || a.localeCompare(b));
}

/** Whether the template at `templateDir` holds exactly these migrations, unchanged, for this PGlite (the build then skips it). */
export function embeddedTemplateIsCurrent(templateDir: string, migrations: Record<string, Migration>): boolean {
  const read = readEmbeddedTemplate(templateDir, migrations);
  return "manifest" in read && read.manifest.migrations.join("\n") === Object.keys(migrations).join("\n");
}

/**
 * Makes the template: a new embedded database (the server's own way: initdb in a child process, then
 * PGlite on a worker thread), the real migrations through Kysely's Migrator, a clean close, the file list.
 * It is built beside `templateDir` and renamed into place, so a reader sees the old template or the new one.
 */
export async function buildEmbeddedTemplate(
  templateDir: string,
  provider: MigrationProvider,
  startData: Omit<PGliteWorkerData, "dataDir">,
): Promise<EmbeddedTemplateManifest> {
  const building = `${templateDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const dataDir = path.join(building, dataName);
  mkdirSync(dataDir, { recursive: true });
  try {
    const data = { ...startData, dataDir };
    await createEmbeddedFolder(data);
    const pglite = await PGliteInWorker.start(data);
    const db = new Kysely<unknown>({ dialect: new PGliteWorkerDialect(pglite) });
    let migrations: string[];
    const known = await provider.getMigrations();
    try {
      const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
      const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "(unknown)";
      if (error) throw new Error(`Migration ${failed} failed while building the template`, { cause: error });
      migrations = (results ?? []).map((result) => result.migrationName);
    } finally {
      // Kysely closes its driver only if it ran a query; the close writes PostgreSQL's shutdown checkpoint.
      await db.destroy();
      await pglite.close();
    }
    const manifest: EmbeddedTemplateManifest = {
      format: 1,
      pgliteVersion: installedPGliteVersion(),
      migrations,
      migrationDigests: Object.fromEntries(migrations.map((name) => [name, migrationDigest(known[name]!)])),
      files: listFiles(dataDir),
      createdAt: new Date().toISOString(),
    };
    writeFileSync(path.join(building, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(building, templateDir);
    return manifest;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
