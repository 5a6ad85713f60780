/**
 * `pnpm bench:cold-load` (issue 15, item 6): a draft of 100,000 stored updates, never folded, loaded
 * through the server; its compaction in the server under an editing client; then the load once folded.
 * Targets: the load after compaction ≤ 50 ms; the compaction ≤ 1 s and off the event loop.
 * Flags: --updates (BENCH_COLD_UPDATES, default 100000) --loads (loads after compaction, default 5).
 * Always on PGlite; also on PostgreSQL when BENCH_DATABASE_URL is set (a scratch database).
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { connectProvider, type ProviderClient } from "../../tests/support/collab-clients.js";
import { loadStoredDraft } from "../../apps/server/src/storage/drafts.js";
import { createPolicy, createScratchDatabase, facilitator, logIn, withPostgresClient } from "../collab/accord-api.js";
import { paragraphTexts } from "../collab/load.js";
import {
  cleanupAll,
  installSignalCleanup,
  makeTempDir,
  memoryMiB,
  repositoryRoot,
  startAccord,
  type ServerProcess,
} from "../collab/processes.js";
import { percentile } from "../collab/report.js";
import { buildStoredDraft, openStorage, timeSnapshot, type StorageLocation } from "./stored-draft.js";

const log = (message: string) => console.error(`bench: ${message}`);
const epochNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const formatLoad = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** The longest stretches the server's event loop was held in [from, to] (epoch ms), from the probe's file. */
function loopBlocks(file: string, from: number, to: number): { maxMs: number; over50Ms: number; totalOver50Ms: number } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { maxMs: 0, over50Ms: 0, totalOver50Ms: 0 }; // no late tick was ever written
  }
  let maxMs = 0;
  let over50Ms = 0;
  let totalOver50Ms = 0;
  for (const line of text.split("\n")) {
    const [end, lateness] = line.split(" ").map(Number);
    if (end === undefined || lateness === undefined || !Number.isFinite(end) || !Number.isFinite(lateness)) continue;
    // A block ending at `end` that lasted `lateness` overlaps the window?
    if (end < from || end - lateness > to) continue;
    maxMs = Math.max(maxMs, lateness);
    if (lateness > 50) {
      over50Ms++;
      totalOver50Ms += lateness;
    }
  }
  return { maxMs, over50Ms, totalOver50Ms };
}

/** Connects a client and resolves once it has synced and holds the whole draft (`expected`, unless null); its time in ms. */
async function timedLoad(
  server: ServerProcess,
  policyId: string,
  cookie: string,
  expected: string[] | null,
): Promise<{ ms: number; client: ProviderClient }> {
  const started = performance.now();
  const client = connectProvider(server.origin, policyId, cookie);
  const synced = await Promise.race([client.synced.then(() => true), sleep(120_000).then(() => false)]);
  const ms = performance.now() - started;
  if (!synced) {
    client.destroy();
    throw new Error("a client did not sync within 120 s");
  }
  const held = paragraphTexts(client.doc);
  if (expected && (held.length !== expected.length || held.some((text, index) => text !== expected[index]))) {
    client.destroy();
    throw new Error(`the loaded draft differs from the stored one (${held.length} paragraphs, ${expected.length} expected)`);
  }
  return { ms, client };
}

interface ColdLoadResult {
  label: string;
  updates: number;
  bytes: number;
  storeSeconds: number;
  loadBeforeMs: number;
  loopMaxDuringLoadMs: number;
  compactionCommittedMs: number | null;
  stallMaxMs: number;
  stallP50Ms: number;
  editsDuringCompaction: number;
  loopDuringCompaction: { maxMs: number; over50Ms: number; totalOver50Ms: number };
  loadsAfterMs: number[];
  /** The same loads of a new policy's nearly empty draft: the path's cost without the document. */
  baselineLoadsMs: number[];
  applyOneByOneMs: number;
  snapshotKiB: number;
  snapshotApplyMs: number;
  snapshotEncodeMs: number;
  storedAfter: string;
  rssAfterLoadMiB: number;
  hwmMiB: number;
  error: string | null;
}

/** Edits every 20 ms from one client for `seconds`; the first makes the document fold. Fan-out to the other. */
async function editDuringCompaction(
  writer: ProviderClient,
  reader: ProviderClient,
  seconds: number,
): Promise<{ latencies: number[]; firstEditAt: number }> {
  const edits: { clock: number; at: number }[] = [];
  const latencies: number[] = [];
  let received = 0;
  reader.doc.on("update", () => {
    const now = performance.now();
    const state = Y.getState(reader.doc.store, writer.doc.clientID);
    while (received < edits.length && edits[received]!.clock <= state) latencies.push(now - edits[received++]!.at);
  });
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  const firstEditAt = epochNow();
  const started = performance.now();
  writer.doc.getXmlFragment("prosemirror").push([paragraph]);
  edits.push({ clock: Y.getState(writer.doc.store, writer.doc.clientID), at: started });
  for (let index = 1; performance.now() - started < seconds * 1000; index++) {
    await sleep(Math.max(0, started + index * 20 - performance.now()));
    const at = performance.now();
    text.insert(text.length, "x");
    edits.push({ clock: Y.getState(writer.doc.store, writer.doc.clientID), at });
  }
  if (!(await waitFor(() => received === edits.length, 60_000)))
    throw new Error(`${edits.length - received} edits did not reach the other client`);
  return { latencies, firstEditAt };
}

async function runOne(
  kind: "pglite" | "postgres",
  updateCount: number,
  loadsAfter: number,
  adminUrl: string | undefined,
): Promise<ColdLoadResult> {
  const label = kind === "pglite" ? "Accord (PGlite)" : "Accord (PostgreSQL)";
  const result: ColdLoadResult = {
    label,
    updates: 0,
    bytes: 0,
    storeSeconds: NaN,
    loadBeforeMs: NaN,
    loopMaxDuringLoadMs: NaN,
    compactionCommittedMs: null,
    stallMaxMs: NaN,
    stallP50Ms: NaN,
    editsDuringCompaction: 0,
    loopDuringCompaction: { maxMs: NaN, over50Ms: 0, totalOver50Ms: 0 },
    loadsAfterMs: [],
    baselineLoadsMs: [],
    applyOneByOneMs: NaN,
    snapshotKiB: NaN,
    snapshotApplyMs: NaN,
    snapshotEncodeMs: NaN,
    storedAfter: "-",
    rssAfterLoadMiB: NaN,
    hwmMiB: NaN,
    error: null,
  };
  let server: ServerProcess | null = null;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | null = null;
  const clients: ProviderClient[] = [];
  try {
    let location: StorageLocation;
    if (kind === "pglite") location = { kind, dataDir: makeTempDir("accord-cold-") };
    else {
      scratch = await createScratchDatabase(adminUrl!);
      location = { kind, url: scratch.url };
    }
    const storage = location.kind === "pglite" ? { kind: "pglite" as const, dataDir: location.dataDir } : location;
    // 1. A server creates the database (migrations, demo accounts) and the policy; then it stops.
    log(`${label}: creating the database and the policy`);
    server = await startAccord(storage, 1000);
    const setupCookie = await logIn(server.origin, facilitator.email, facilitator.password);
    const policyId = await createPolicy(server.origin, setupCookie, "Cold load");
    const baselinePolicyId = await createPolicy(server.origin, setupCookie, "Cold load baseline");
    await server.stop();
    server = null;
    // 2. The updates, appended through the storage module, none folded.
    log(`${label}: storing ${updateCount} updates`);
    const db = await openStorage(location);
    let built;
    try {
      built = await buildStoredDraft(db, policyId, updateCount);
    } finally {
      await db.destroy();
    }
    Object.assign(result, {
      updates: built.updates,
      bytes: built.bytes,
      storeSeconds: built.storeSeconds,
      applyOneByOneMs: built.applyOneByOneMs,
    });
    log(`${label}: ${built.updates} updates (${(built.bytes / 1024).toFixed(0)} KiB) stored in ${built.storeSeconds.toFixed(1)} s`);
    // 3. The server again, with the event-loop probe; the first client loads the unfolded draft.
    const probeFile = path.join(makeTempDir("accord-loop-"), "loop.txt");
    server = await startAccord(storage, 1000, {
      nodeArgs: ["--import", path.join(repositoryRoot, "bench/cold-load/loop-probe.mjs")],
      env: { BENCH_LOOP_PROBE_FILE: probeFile },
    });
    const cookie = await logIn(server.origin, facilitator.email, facilitator.password);
    await sleep(1500);
    const loadStarted = epochNow();
    const first = await timedLoad(server, policyId, cookie, built.paragraphs);
    clients.push(first.client);
    result.loadBeforeMs = first.ms;
    await sleep(1100); // the probe writes its file once a second
    result.loopMaxDuringLoadMs = loopBlocks(probeFile, loadStarted, epochNow()).maxMs;
    result.rssAfterLoadMiB = memoryMiB(server.pid).rss;
    log(`${label}: loaded before compaction in ${first.ms.toFixed(0)} ms`);
    // 4. Compaction: a second client joins; the first edits every 20 ms for 5 s; its first edit makes the
    // document fold (100,000 updates since the last fold). On PostgreSQL the fold's commit is watched.
    const second = await timedLoad(server, policyId, cookie, built.paragraphs);
    clients.push(second.client);
    let polling = kind === "postgres";
    let committedAt: number | null = null;
    const poller =
      kind === "postgres"
        ? withPostgresClient(scratch!.url, async (pg) => {
            while (polling) {
              const answer = (await pg.query("select compacted_seq from draft_documents where policy_id = $1", [policyId])) as {
                rows: { compacted_seq: string }[];
              };
              if (committedAt === null && Number(answer.rows[0]?.compacted_seq ?? 0) > 0) committedAt = epochNow();
              await sleep(5);
            }
          })
        : Promise.resolve();
    const { latencies, firstEditAt } = await editDuringCompaction(first.client, second.client, 5);
    polling = false;
    await poller;
    await sleep(1100);
    result.loopDuringCompaction = loopBlocks(probeFile, firstEditAt, epochNow());
    if (committedAt !== null) result.compactionCommittedMs = committedAt - firstEditAt;
    const sorted = Float64Array.from(latencies).sort();
    result.stallMaxMs = percentile(sorted, 1);
    result.stallP50Ms = percentile(sorted, 0.5);
    result.editsDuringCompaction = latencies.length;
    // The expected content now includes the edits.
    const expected = paragraphTexts(first.client.doc);
    // 5. Everyone leaves (the document folds what is left and unloads); each load after is a cold one.
    for (const client of clients.splice(0)) client.destroy();
    for (let index = 0; index < loadsAfter; index++) {
      await sleep(2000);
      const again = await timedLoad(server, policyId, cookie, expected);
      result.loadsAfterMs.push(again.ms);
      again.client.destroy();
    }
    let baselineExpected: string[] | null = null;
    for (let index = 0; index < loadsAfter; index++) {
      await sleep(2000);
      const again = await timedLoad(server, baselinePolicyId, cookie, baselineExpected);
      baselineExpected ??= paragraphTexts(again.client.doc); // the next loads must see what the first did
      result.baselineLoadsMs.push(again.ms);
      again.client.destroy();
    }
    result.hwmMiB = memoryMiB(server.pid).hwm;
    await server.stop();
    server = null;
    const after = await openStorage(location);
    try {
      const stored = await loadStoredDraft(after, policyId);
      result.storedAfter = stored ? `folded through ${stored.compactedSeq}, ${stored.updates.length} updates after it` : "no draft";
      if (stored) {
        result.snapshotKiB = stored.state.byteLength / 1024;
        const snapshot = timeSnapshot(stored.state);
        result.snapshotApplyMs = snapshot.applyMs;
        result.snapshotEncodeMs = snapshot.encodeMs;
      }
    } finally {
      await after.destroy();
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${label} FAILED: ${result.error}`);
  } finally {
    for (const client of clients) client.destroy();
    if (server) await server.stop();
    if (scratch) await scratch.drop().catch((error: unknown) => log(`could not drop the scratch database: ${String(error)}`));
  }
  return result;
}

function report(results: readonly ColdLoadResult[], loadBefore: string): void {
  const f = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
  console.log(`\n## Cold load, ${new Date().toISOString()}`);
  console.log(`load average before ${loadBefore}, after ${formatLoad()}\n`);
  const header = ["", ...results.map((result) => result.label)];
  const lines = [`| ${header.join(" | ")} |`, `|---|${results.map(() => "---:").join("|")}|`];
  const row = (name: string, value: (result: ColdLoadResult) => string) => lines.push(`| ${name} | ${results.map(value).join(" | ")} |`);
  row("stored updates (KiB), none folded", (r) => `${r.updates} (${f(r.bytes / 1024)})`);
  row("storing them through appendDraftUpdates, 1,000 per call (s)", (r) => f(r.storeSeconds, 1));
  row("**load before compaction**: connect to synced, whole draft (ms)", (r) => f(r.loadBeforeMs));
  row("server event loop: longest block during that load (ms)", (r) => f(r.loopMaxDuringLoadMs));
  row("server RSS after that load (MiB)", (r) => f(r.rssAfterLoadMiB));
  row("**compaction**: first edit to the fold committed (ms, PostgreSQL poll)", (r) =>
    r.compactionCommittedMs === null ? "not observable" : f(r.compactionCommittedMs),
  );
  row(
    "edits every 20 ms meanwhile: fan-out p50 / max (ms)",
    (r) => `${f(r.stallP50Ms, 1)} / ${f(r.stallMaxMs)} (${r.editsDuringCompaction} edits)`,
  );
  row("server event loop from the first edit on: longest block (ms)", (r) => f(r.loopDuringCompaction.maxMs));
  row("… blocks over 50 ms: count, total (ms)", (r) => `${r.loopDuringCompaction.over50Ms}, ${f(r.loopDuringCompaction.totalOver50Ms)}`);
  row("**load after compaction**, each (ms)", (r) => r.loadsAfterMs.map((ms) => f(ms, 1)).join(", ") || "-");
  row("the same loads of a new policy's nearly empty draft, each (ms)", (r) => r.baselineLoadsMs.map((ms) => f(ms, 1)).join(", ") || "-");
  row("stored at the end", (r) => r.storedAfter);
  row("Yjs alone (this process): the stored updates applied one by one to a new document (ms)", (r) => f(r.applyOneByOneMs));
  row(
    "Yjs alone: the folded snapshot (KiB) applied / its state encoded (ms)",
    (r) => `${f(r.snapshotKiB)}: ${f(r.snapshotApplyMs, 1)} / ${f(r.snapshotEncodeMs, 1)}`,
  );
  row("server VmHWM (MiB)", (r) => f(r.hwmMiB));
  console.log(lines.join("\n"));
  console.log("\nIssue 15's targets:");
  for (const result of results) {
    if (result.error) {
      console.log(`- ${result.label}: FAILED: ${result.error}`);
      continue;
    }
    const median = percentile(Float64Array.from(result.loadsAfterMs).sort(), 0.5);
    const worst = Math.max(...result.loadsAfterMs);
    console.log(
      `- ${result.label}: load after compaction ≤ 50 ms: median ${f(median, 1)}, worst ${f(worst, 1)} ms: **${worst <= 50 ? "met" : median <= 50 ? "met at the median, MISSED at the worst" : "MISSED"}**`,
    );
    const blocked = result.loopDuringCompaction.maxMs;
    console.log(
      `- ${result.label}: compaction off the event loop (no block over 50 ms from the first edit on): longest ${f(blocked)} ms: **${blocked <= 50 ? "met" : "MISSED"}**`,
    );
    const duration = result.compactionCommittedMs ?? result.stallMaxMs;
    const how =
      result.compactionCommittedMs === null
        ? "edits' longest wait behind it (PGlite: the fold is not observable from outside)"
        : "fold committed";
    console.log(`- ${result.label}: compaction ≤ 1 s: ${how} ${f(duration)} ms: **${duration <= 1000 ? "met" : "MISSED"}**`);
  }
}

async function main(): Promise<number> {
  installSignalCleanup();
  const loadBefore = formatLoad();
  const { values } = parseArgs({ options: { updates: { type: "string" }, loads: { type: "string" } } });
  const updateCount = Number(values.updates ?? process.env.BENCH_COLD_UPDATES ?? 100_000);
  const loadsAfter = Number(values.loads ?? 5);
  if (!Number.isInteger(updateCount) || updateCount < 1000) throw new Error("--updates must be an integer ≥ 1000");
  if (!Number.isInteger(loadsAfter) || loadsAfter < 1) throw new Error("--loads must be an integer ≥ 1");
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim();
  const results = [await runOne("pglite", updateCount, loadsAfter, undefined)];
  if (adminUrl) results.push(await runOne("postgres", updateCount, loadsAfter, adminUrl));
  report(results, loadBefore);
  return results.every((result) => result.error === null) ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error("bench: failed:", error);
    await cleanupAll();
    process.exit(1);
  });
