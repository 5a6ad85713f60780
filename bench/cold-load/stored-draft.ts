import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { PGlite } from "../../apps/server/node_modules/@electric-sql/pglite/dist/index.js";
import { Kysely, PostgresDialect } from "../../apps/server/node_modules/kysely/dist/index.js";
import { PGliteDialect } from "../../apps/server/node_modules/kysely-pglite-dialect/dist/index.mjs";
import type { Database } from "../../apps/server/src/storage/database.js";
import { appendDraftUpdates, loadStoredDraft } from "../../apps/server/src/storage/drafts.js";
import { paragraphTexts } from "../collab/load.js";
import { repositoryRoot } from "../collab/processes.js";

/** Where the benchmark's draft is stored: an embedded data folder (no server running on it) or PostgreSQL. */
export type StorageLocation = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

const requireFromServer = createRequire(path.join(repositoryRoot, "apps/server/package.json"));

/**
 * Opens the database directly (the server is stopped meanwhile on PGlite, whose folder one process
 * holds), with the same drivers as the server, for the storage module's functions to run on.
 */
export async function openStorage(location: StorageLocation): Promise<Kysely<Database>> {
  if (location.kind === "pglite")
    return new Kysely<Database>({ dialect: new PGliteDialect(await PGlite.create({ dataDir: location.dataDir })) });
  const { Pool } = requireFromServer("pg") as { Pool: new (config: { connectionString: string; max: number }) => never };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: location.url, max: 2 }) }) });
}

/** Yjs's cost of a stored snapshot: applied to a new document, and the full state encoded from it (ms). */
export function timeSnapshot(state: Uint8Array): { applyMs: number; encodeMs: number } {
  let started = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const applyMs = performance.now() - started;
  started = performance.now();
  Y.encodeStateAsUpdate(doc);
  const encodeMs = performance.now() - started;
  doc.destroy();
  return { applyMs, encodeMs };
}

/** What building the stored draft made: the paragraphs a client must see, and how long it took. */
export interface BuiltDraft {
  updates: number;
  bytes: number;
  paragraphs: string[];
  generateSeconds: number;
  storeSeconds: number;
  /** Yjs alone, in this process: the updates applied one by one to a new document (what a load of the unfolded draft does), ms. */
  applyOneByOneMs: number;
}

/** Yjs's own cost of a document of these updates, timed in this process (no server, no database). */
function timeYjs(updates: readonly Uint8Array[]): { applyOneByOneMs: number } {
  const started = performance.now();
  const oneByOne = new Y.Doc();
  for (const update of updates) Y.applyUpdate(oneByOne, update);
  const applyOneByOneMs = performance.now() - started;
  oneByOne.destroy();
  return { applyOneByOneMs };
}

/**
 * Appends `count` updates to the policy's stored draft through `appendDraftUpdates`, as if a person had
 * typed it one keystroke per update (what y-prosemirror sends while typing): words of 2–9 letters, a
 * new paragraph about every 600 characters, on top of what the draft already holds. Nothing is folded.
 */
export async function buildStoredDraft(db: Kysely<Database>, policyId: string, count: number, batch = 1000): Promise<BuiltDraft> {
  const generateStarted = performance.now();
  const stored = await loadStoredDraft(db, policyId);
  if (!stored) throw new Error(`policy ${policyId} has no stored draft`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.state);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const fragment = doc.getXmlFragment("prosemirror");
  let text = new Y.XmlText();
  let paragraphLength = 0;
  let word = 0;
  const newParagraph = () => {
    const paragraph = new Y.XmlElement("paragraph");
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.push([paragraph]);
    paragraphLength = 0;
  };
  newParagraph();
  while (updates.length < count) {
    if (paragraphLength >= 600) {
      newParagraph();
      continue;
    }
    const letters = 2 + (word++ % 8);
    const typed = paragraphLength === 0 ? [] : [" "];
    for (let index = 0; index < letters; index++) typed.push(String.fromCharCode(97 + ((word * 7 + index * 3) % 26)));
    for (const character of typed) {
      if (updates.length >= count) break;
      text.insert(text.length, character);
      paragraphLength++;
    }
  }
  const paragraphs = paragraphTexts(doc);
  doc.destroy();
  const generateSeconds = (performance.now() - generateStarted) / 1000;
  const yjs = timeYjs([stored.state, ...stored.updates.map((row) => row.update), ...updates]);

  const storeStarted = performance.now();
  for (let start = 0; start < updates.length; start += batch) {
    await appendDraftUpdates(
      db,
      updates.slice(start, start + batch).map((update) => ({ policyId, update })),
    );
  }
  return {
    updates: updates.length,
    bytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    paragraphs,
    generateSeconds,
    storeSeconds: (performance.now() - storeStarted) / 1000,
    ...yjs,
  };
}
