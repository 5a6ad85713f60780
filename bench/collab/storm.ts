import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { connectProvider, type ProviderClient } from "../../tests/support/collab-clients.js";
import { addEditor, createAccount, createPolicy, logIn } from "./accord-api.js";
import { paragraphTexts } from "./load.js";
import { cpuSeconds, memoryMiB, type ServerProcess } from "./processes.js";
import { percentile } from "./report.js";

/** The connection storm: N clients, spread over D documents that each already hold P paragraphs. */
export interface StormShape {
  clients: number;
  documents: number;
  paragraphs: number;
}

/** What one storm on one server measured. */
export interface StormResult {
  label: string;
  clients: number;
  /** Clients that reached sync (their first sync step 2) before the timeout. */
  synced: number;
  /** From the first connect to the last client synced, ms. */
  allSyncedMs: number;
  /** Each client's time from its connect to its sync, ms: p50 and p99. */
  syncP50Ms: number;
  syncP99Ms: number;
  /** Server CPU (user + sys, all threads) from the first connect to the last sync, and to 2 s after it. */
  serverCpuToSyncSeconds: number;
  serverCpuWithSettleSeconds: number;
  /** Server VmRSS once the storm settled, MiB. */
  serverRssAfterMiB: number;
  /** Set-up (accounts, sign-ins, documents) time, s: outside the measure. */
  setupSeconds: number;
  closes: number;
  /** Clients that synced without the document's whole content (must be none). */
  contentProblems: number;
  error: string | null;
}

const settleMs = 2_000;
const syncTimeoutMs = 120_000;
// The password of every storm account (the API refuses shorter than 8 characters).
const stormPassword = "storm-bench-password";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over the items with at most `width` at a time (the sign-ins hash passwords: two cores). */
async function inPool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** A paragraph of plain text, as y-prosemirror stores one; about 120 characters. */
function addParagraphs(doc: Y.Doc, count: number): void {
  doc.transact(() => {
    for (let index = 0; index < count; index++) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [
        new Y.XmlText(
          `Section ${index + 1}. Officers shall record the reason for each stop and make the record available for review on request.`,
        ),
      ]);
      doc.getXmlFragment("prosemirror").push([paragraph]);
    }
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/**
 * The connection storm on one server. Set-up, not measured: D documents, each opened by one seeding
 * client that writes P paragraphs and stays connected (so the document is loaded, as it is while people
 * work on it); for Accord also N accounts, each an editor of its document and signed in over HTTP (a
 * real session cookie, so the WebSocket upgrade runs the session and access checks). Measured: all N
 * stock y-websocket providers are created at once, and the server's CPU and the time are taken until
 * every one has synced (and 2 s later, for the presence messages that follow).
 */
export async function runStorm(
  server: ServerProcess,
  accord: { facilitatorCookie: string; runId: string } | null,
  shape: StormShape,
  label: string,
  log: (message: string) => void,
): Promise<StormResult> {
  const result = emptyStormResult(label, shape, null);
  const seeders: ProviderClient[] = [];
  const clients: ProviderClient[] = [];
  try {
    const setupStarted = performance.now();
    const rooms: string[] = [];
    for (let index = 0; index < shape.documents; index++) {
      rooms.push(
        accord
          ? await createPolicy(server.origin, accord.facilitatorCookie, `Storm ${accord.runId} policy ${index + 1}`)
          : `storm-${index}`,
      );
    }
    const cookies: string[] = Array.from({ length: shape.clients }, () => "");
    if (accord) {
      log(`${label}: storm set-up: ${shape.clients} accounts, memberships and sign-ins`);
      await inPool(cookies, 4, async (_, index) => {
        const email = `storm-${accord.runId}-${index}@bench.test`;
        const userId = await createAccount(server.origin, accord.facilitatorCookie, {
          email,
          displayName: `Storm client ${index}`,
          password: stormPassword,
        });
        await addEditor(server.origin, accord.facilitatorCookie, rooms[index % rooms.length]!, userId);
        cookies[index] = await logIn(server.origin, email, stormPassword);
      });
    }
    // A new policy's draft may already hold a paragraph: what every client must see is what the seeder holds.
    const paragraphsOf = new Map<string, number>();
    for (const room of rooms) {
      const seeder = connectProvider(server.origin, room, accord?.facilitatorCookie ?? "");
      seeders.push(seeder);
      await seeder.synced;
      addParagraphs(seeder.doc, shape.paragraphs);
      const expected = paragraphTexts(seeder.doc).length;
      paragraphsOf.set(room, expected);
      // A fresh client must see the whole content: then it is committed (Accord) and the storm syncs it.
      const probe = connectProvider(server.origin, room, accord?.facilitatorCookie ?? "");
      try {
        await probe.synced;
        if (!(await waitFor(() => paragraphTexts(probe.doc).length === expected, 30_000)))
          throw new Error(`the seeded content of ${room} did not reach a new client within 30 s`);
      } finally {
        probe.destroy();
      }
    }
    result.setupSeconds = (performance.now() - setupStarted) / 1000;
    await sleep(1_000); // the sign-ins' hashing threads and the seeding settle before the measure

    log(`${label}: storm of ${shape.clients} clients on ${shape.documents} documents`);
    let measuring = true; // destroying the clients at the end closes them: those closes are not the server's
    const connectedAt: number[] = [];
    const syncedAt: number[] = [];
    const started = performance.now();
    const monotonicStart = process.hrtime.bigint() / 1000n;
    const cpuAtStart = cpuSeconds(server.pid);
    for (let index = 0; index < shape.clients; index++) {
      const client = connectProvider(server.origin, rooms[index % rooms.length]!, cookies[index]!);
      connectedAt[index] = performance.now();
      client.provider.on("connection-close", () => measuring && result.closes++);
      void client.synced.then(() => {
        syncedAt[index] = performance.now();
        result.synced++;
      });
      clients.push(client);
    }
    const allSynced = await waitFor(() => result.synced === shape.clients, syncTimeoutMs);
    const syncedBy = performance.now();
    result.serverCpuToSyncSeconds = cpuSeconds(server.pid) - cpuAtStart;
    // The monotonic clock (µs), as a server's `--cpu-prof` profile counts time: to cut the storm out of it.
    log(`${label}: storm window ${monotonicStart}–${process.hrtime.bigint() / 1000n} µs (monotonic)`);
    if (!allSynced)
      throw new Error(`${shape.clients - result.synced} of ${shape.clients} clients had not synced after ${syncTimeoutMs / 1000} s`);
    result.allSyncedMs = syncedBy - started;
    const times = Float64Array.from(syncedAt.map((at, index) => at - connectedAt[index]!)).sort();
    result.syncP50Ms = percentile(times, 0.5);
    result.syncP99Ms = percentile(times, 0.99);
    await sleep(settleMs);
    result.serverCpuWithSettleSeconds = cpuSeconds(server.pid) - cpuAtStart;
    result.serverRssAfterMiB = memoryMiB(server.pid).rss;
    measuring = false;
    result.contentProblems = clients.filter(
      (client, index) => paragraphTexts(client.doc).length !== paragraphsOf.get(rooms[index % rooms.length]!),
    ).length;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${label} storm FAILED: ${result.error}`);
  } finally {
    for (const client of [...clients, ...seeders]) client.destroy();
  }
  return result;
}

/** CPU per connection, µs: to the last sync, or including the 2 s after it. */
export function cpuPerConnectionMicros(result: StormResult, withSettle = false): number {
  const seconds = withSettle ? result.serverCpuWithSettleSeconds : result.serverCpuToSyncSeconds;
  return result.error ? NaN : (seconds / result.clients) * 1e6;
}

/** The storm results as a Markdown table, one column per server, then each Accord column's ratio to the reference. */
export function stormTable(results: readonly StormResult[]): string {
  const [reference, ...others] = results;
  if (!reference) return "";
  const rows: [string, (result: StormResult) => number | string, boolean][] = [
    ["clients synced / connected", (r) => `${r.synced} / ${r.clients}`, false],
    ["time until all synced (ms)", (r) => r.allSyncedMs, true],
    ["per client, connect to sync, p50 (ms)", (r) => r.syncP50Ms, true],
    ["per client, connect to sync, p99 (ms)", (r) => r.syncP99Ms, true],
    ["server CPU to the last sync (s)", (r) => r.serverCpuToSyncSeconds, true],
    ["server CPU per connection, to the last sync (µs)", (r) => cpuPerConnectionMicros(r), true],
    ["server CPU per connection, incl. 2 s after (µs)", (r) => cpuPerConnectionMicros(r, true), true],
    ["server RSS after the storm (MiB)", (r) => r.serverRssAfterMiB, true],
    ["closes / clients without the whole content", (r) => `${r.closes} / ${r.contentProblems}`, false],
    ["set-up, not measured (s)", (r) => r.setupSeconds, false],
  ];
  const format = (value: number | string) =>
    typeof value === "string" ? value : Number.isFinite(value) ? value.toFixed(value >= 100 ? 0 : 2) : "-";
  const header = ["storm metric", ...results.map((r) => r.label), ...others.map((r) => `${r.label} ÷ ref`)];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, index) => (index === 0 ? "---" : "---:")).join("|")}|`];
  for (const [name, value, ratio] of rows) {
    const ratios = others.map((result) => {
      const mine = value(result);
      const theirs = value(reference);
      return ratio && typeof mine === "number" && typeof theirs === "number" && theirs > 0 && Number.isFinite(mine)
        ? `${(mine / theirs).toFixed(2)}×`
        : "";
    });
    lines.push(`| ${[name, ...results.map((result) => format(value(result))), ...ratios].join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The storm target: CPU per connection (to the last sync) ≤ 2× the reference's. */
export function stormVerdict(reference: StormResult, accord: StormResult): { measured: string; met: boolean | null } {
  const mine = cpuPerConnectionMicros(accord);
  const theirs = cpuPerConnectionMicros(reference);
  const ratio = mine / theirs;
  if (!Number.isFinite(ratio)) return { measured: "no figure (a storm failed)", met: null };
  return { measured: `${mine.toFixed(0)} vs ${theirs.toFixed(0)} µs = ${ratio.toFixed(2)}×`, met: ratio <= 2 };
}

/** A storm result with nothing measured yet: what a run fills in, or what a server that could not run it reports. */
export function emptyStormResult(label: string, shape: StormShape, error: string | null): StormResult {
  return {
    label,
    clients: shape.clients,
    synced: 0,
    allSyncedMs: NaN,
    syncP50Ms: NaN,
    syncP99Ms: NaN,
    serverCpuToSyncSeconds: NaN,
    serverCpuWithSettleSeconds: NaN,
    serverRssAfterMiB: NaN,
    setupSeconds: NaN,
    closes: 0,
    contentProblems: 0,
    error,
  };
}
