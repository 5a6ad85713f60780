/**
 * `pnpm bench:collab`: fan-out latency, throughput, CPU and memory of Accord's collaboration server beside
 * the reference y-websocket server, under the same load from the same client code, in one run; then a
 * connection storm on each server (storm.ts). The default load is issue 15's: 20 documents × 10 clients
 * × 2 edits/s; `--light` is the earlier 4 × 5 × 5.
 * Flags (or env): --docs (BENCH_DOCS) --clients (BENCH_CLIENTS) --rate (BENCH_RATE, edits/s per client)
 * --seconds (BENCH_SECONDS, measured per server, split over the rounds) --warmup (BENCH_WARMUP, per round)
 * --rounds (BENCH_ROUNDS, interleaved) --storm-clients (BENCH_STORM_CLIENTS, 0 = no storm)
 * --storm-docs (BENCH_STORM_DOCS) --storm-only (no load rounds). BENCH_DATABASE_URL adds Accord on
 * PostgreSQL (a scratch database); --no-pglite (BENCH_NO_PGLITE=1) leaves Accord on PGlite out, for runs
 * about the PostgreSQL path only.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createPolicy, createScratchDatabase, facilitator, logIn, storedParagraphs } from "./accord-api.js";
import { runLoad, type LoadShape } from "./load.js";
import {
  cleanupAll,
  cpuSeconds,
  installSignalCleanup,
  makeTempDir,
  memoryMiB,
  removeTempDir,
  startAccord,
  startReference,
  type ServerProcess,
} from "./processes.js";
import { addLoad, emptyResult, isCorrect, loadVerdicts, resultsTable, verdictLines, verdictText, type TargetResult } from "./report.js";
import { emptyStormResult, runStorm, stormTable, stormVerdict, type StormResult, type StormShape } from "./storm.js";

interface Options extends LoadShape {
  rounds: number;
  light: boolean;
  storm: StormShape;
  stormOnly: boolean;
  noPglite: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      light: { type: "boolean" },
      "storm-clients": { type: "string" },
      "storm-docs": { type: "string" },
      "storm-only": { type: "boolean" },
      "no-pglite": { type: "boolean" },
      docs: { type: "string" },
      clients: { type: "string" },
      rate: { type: "string" },
      seconds: { type: "string" },
      warmup: { type: "string" },
      rounds: { type: "string" },
    },
  });
  const number = (flag: string | undefined, env: string, fallback: number, min: number) => {
    const raw = flag ?? process.env[env];
    const value = raw === undefined || raw === "" ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`${env} / --${env.slice(6).toLowerCase()} must be a number ≥ ${min}, not "${raw}"`);
    return value;
  };
  // The light load is the first benchmark's (400 deliveries/s); the default is issue 15's (3,600/s).
  const light = values.light ?? false;
  const defaults = light ? { docs: 4, clients: 5, rate: 5, seconds: 20 } : { docs: 20, clients: 10, rate: 2, seconds: 30 };
  return {
    light,
    documents: Math.round(number(values.docs, "BENCH_DOCS", defaults.docs, 1)),
    clientsPerDocument: Math.round(number(values.clients, "BENCH_CLIENTS", defaults.clients, 2)),
    editsPerSecond: number(values.rate, "BENCH_RATE", defaults.rate, 0.1),
    seconds: number(values.seconds, "BENCH_SECONDS", defaults.seconds, 1),
    warmupSeconds: number(values.warmup, "BENCH_WARMUP", 2, 0),
    rounds: Math.round(number(values.rounds, "BENCH_ROUNDS", 2, 1)),
    storm: {
      clients: Math.round(number(values["storm-clients"], "BENCH_STORM_CLIENTS", 500, 0)),
      documents: Math.round(number(values["storm-docs"], "BENCH_STORM_DOCS", 5, 1)),
      paragraphs: 40,
    },
    stormOnly: values["storm-only"] ?? false,
    noPglite: values["no-pglite"] ?? process.env.BENCH_NO_PGLITE === "1",
  };
}

type Target = { kind: "reference" } | { kind: "pglite" } | { kind: "postgres"; adminUrl: string };

const log = (message: string) => console.error(`bench: ${message}`);
const loopResolutionMs = 10;

/** One server under test, running for the whole benchmark, and what was measured on it so far. */
interface Session {
  target: Target;
  server: ServerProcess | null;
  cookie: string;
  /** Warnings logged while starting (such as "the web app is not built") are not the load's. */
  warningsAtReady: number;
  dataDir: string | null;
  scratch: Awaited<ReturnType<typeof createScratchDatabase>> | null;
  result: TargetResult;
}

function labelOf(target: Target): string {
  return target.kind === "reference" ? "reference" : target.kind === "pglite" ? "Accord (PGlite)" : "Accord (PostgreSQL)";
}

/** Starts the server (and for Accord its database, and signs in); a failure is recorded, not thrown. */
async function startSession(target: Target, shape: LoadShape): Promise<Session> {
  const session: Session = {
    target,
    server: null,
    cookie: "",
    warningsAtReady: 0,
    dataDir: null,
    scratch: null,
    result: emptyResult(labelOf(target)),
  };
  const label = session.result.label;
  try {
    log(`starting ${label}`);
    const started = performance.now();
    // Each edit is one message, plus awareness; the limit must never be what the benchmark measures.
    const messagesPerSecond = Math.max(1000, Math.ceil(shape.editsPerSecond * 20));
    if (target.kind === "reference") session.server = await startReference();
    else if (target.kind === "pglite") {
      session.dataDir = makeTempDir("accord-bench-");
      session.server = await startAccord({ kind: "pglite", dataDir: session.dataDir }, messagesPerSecond);
    } else {
      session.scratch = await createScratchDatabase(target.adminUrl);
      session.server = await startAccord({ kind: "postgres", url: session.scratch.url }, messagesPerSecond);
    }
    log(`${label} ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${session.server.pid}, ${session.server.origin})`);
    session.warningsAtReady = session.server.warnings.length;
    for (const line of session.server.warnings) log(`${label} at start: ${line.slice(0, 200)}`);
    if (target.kind !== "reference") session.cookie = await logIn(session.server.origin, facilitator.email, facilitator.password);
  } catch (error) {
    session.result.error = error instanceof Error ? error.message : String(error);
    log(`${label} FAILED to start: ${session.result.error}`);
  }
  return session;
}

/** One round on one server: fresh documents, warm-up, measured window, drain, checks. Adds to its result. */
async function runRound(session: Session, shape: LoadShape, round: number): Promise<void> {
  const { server, result } = session;
  if (!server || result.error) return;
  try {
    const rooms: string[] = [];
    for (let index = 0; index < shape.documents; index++) {
      rooms.push(
        session.target.kind === "reference"
          ? `bench-r${round}-${index}`
          : await createPolicy(server.origin, session.cookie, `Benchmark round ${round} policy ${index + 1}`),
      );
    }
    const pid = server.pid;
    const loop = monitorEventLoopDelay({ resolution: loopResolutionMs });
    let windowStarted = 0;
    let serverCpuAtStart = 0;
    let clientCpuAtStart = process.cpuUsage();
    const sampleRss = () => {
      try {
        result.serverRssPeakMiB = Math.max(result.serverRssPeakMiB, memoryMiB(pid).rss);
      } catch {
        // The server is gone (a crash, or the benchmark is being stopped): the load reports the failure.
      }
    };
    let rssTimer: NodeJS.Timeout | undefined;
    log(`${result.label}, round ${round}: ${shape.warmupSeconds} s warm-up + ${shape.seconds} s measured`);
    try {
      const load = await runLoad(server.origin, session.cookie, rooms, shape, {
        onStart: () => {
          windowStarted = performance.now();
          serverCpuAtStart = cpuSeconds(pid);
          clientCpuAtStart = process.cpuUsage();
          loop.enable();
          sampleRss();
          rssTimer = setInterval(sampleRss, 250);
        },
        onEnd: () => {
          result.serverCpuSeconds += cpuSeconds(pid) - serverCpuAtStart;
          const client = process.cpuUsage(clientCpuAtStart);
          result.clientCpuSeconds += (client.user + client.system) / 1e6;
          loop.disable();
          // The histogram holds whole timer intervals: the lag is what exceeds the interval.
          result.clientLoopLagP99Ms = Math.max(result.clientLoopLagP99Ms, loop.percentile(99) / 1e6 - loopResolutionMs);
          clearInterval(rssTimer);
          sampleRss();
          log(`${result.label}, round ${round}: window was ${((performance.now() - windowStarted) / 1000).toFixed(2)} s`);
        },
      });
      addLoad(result, load, shape.seconds);
      if (session.target.kind !== "reference") {
        // Read back from the database (the draft route reads storage, not the live document).
        result.storageProblems ??= [];
        for (const [policyId, expected] of load.expectedParagraphs) {
          const stored = await storedParagraphs(server.origin, session.cookie, policyId);
          for (const paragraph of expected) {
            const found = stored.filter((text) => text === paragraph).length;
            if (found !== 1) result.storageProblems.push(`${policyId}: paragraph "${paragraph.slice(0, 12)}…" stored ${found} times`);
          }
        }
      }
    } finally {
      clearInterval(rssTimer);
      loop.disable();
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${result.label} FAILED in round ${round}: ${result.error}`);
  }
}

/** Memory once the load rounds are over: RSS now, and the peak since start (VmHWM). */
function recordLoadEnd(session: Session): void {
  if (!session.server || session.result.rounds === 0) return;
  try {
    const memory = memoryMiB(session.server.pid);
    session.result.serverRssEndMiB = memory.rss;
    session.result.serverHwmMiB = memory.hwm;
  } catch {
    // It already exited; the failure is reported elsewhere.
  }
}

/** Records the peak memory and warnings, stops the server, and removes its database. */
async function stopSession(session: Session): Promise<void> {
  const { server, result } = session;
  if (server) {
    // The peak since start is taken after the load rounds (recordLoadEnd); the storm's memory is its own.
    if (!Number.isFinite(result.serverHwmMiB)) recordLoadEnd(session);
    const duringLoad = server.warnings.slice(session.warningsAtReady);
    result.serverWarnings = duringLoad.length;
    for (const line of duringLoad.slice(0, 5)) log(`${result.label} warned: ${line.slice(0, 300)}`);
    await server.stop();
  }
  if (session.dataDir) removeTempDir(session.dataDir);
  if (session.scratch) await session.scratch.drop().catch((error: unknown) => log(`could not drop the scratch database: ${String(error)}`));
  for (const problem of [...result.convergenceProblems, ...(result.storageProblems ?? [])].slice(0, 10)) log(`${result.label}: ${problem}`);
}

const formatLoad = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

async function main(): Promise<number> {
  installSignalCleanup();
  // Other work on the machine skews every figure; say how busy it was before we started.
  const loadBefore = formatLoad();
  const { rounds, light, storm, stormOnly, noPglite, ...shape } = readOptions();
  // Each stock provider adds a process "exit" listener (to clear its presence); there are D × C of them.
  process.setMaxListeners(Math.max(shape.documents * shape.clientsPerDocument, storm.clients + 2 * storm.documents) + 20);
  const targets: Target[] = noPglite ? [{ kind: "reference" }] : [{ kind: "reference" }, { kind: "pglite" }];
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (adminUrl) targets.push({ kind: "postgres", adminUrl });
  if (targets.length < 2) throw new Error("--no-pglite needs BENCH_DATABASE_URL: there would be no Accord to measure");

  // Every server runs for the whole benchmark but only one is under load at a time (an idle one uses
  // next to no CPU). The rounds alternate the order (A B C, C B A, …) so that a slow phase of a shared
  // machine does not land on one server only; each round gets its own documents and warm-up.
  const roundShape: LoadShape = { ...shape, seconds: shape.seconds / rounds };
  const sessions: Session[] = [];
  const storms: StormResult[] = [];
  const runId = `${process.pid}${Date.now().toString(36)}`;
  try {
    for (const target of targets) sessions.push(await startSession(target, shape));
    if (!stormOnly) {
      for (let round = 1; round <= rounds; round++) {
        for (const session of round % 2 === 1 ? sessions : [...sessions].reverse()) await runRound(session, roundShape, round);
      }
    }
    for (const session of sessions) recordLoadEnd(session);
    // The storm comes after the load, on the same servers (their documents of the load are closed by then).
    if (storm.clients > 0) {
      for (const session of sessions) {
        const label = session.result.label;
        if (!session.server || session.result.error) {
          storms.push(emptyStormResult(label, storm, session.result.error ?? "not started"));
          continue;
        }
        const accord = session.target.kind === "reference" ? null : { facilitatorCookie: session.cookie, runId };
        storms.push(await runStorm(session.server, accord, storm, label, log));
      }
    }
  } finally {
    for (const session of sessions) await stopSession(session);
  }
  const results = sessions.map((session) => session.result);

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`\n## Collaboration benchmark, ${new Date().toISOString()}`);
  console.log(
    `machine: ${availableParallelism()} cores (${cpu}), Node ${process.version}, ${process.platform}; load average before the run ${loadBefore}, after ${formatLoad()}`,
  );
  const [reference, ...accords] = results;
  let correct = true;
  if (!stormOnly) {
    console.log(
      `load${light ? " (--light)" : ""}: ${shape.documents} documents × ${shape.clientsPerDocument} clients × ${shape.editsPerSecond} edits/s per client, ` +
        `${shape.seconds} s measured per server in ${rounds} interleaved round(s), each after ${shape.warmupSeconds} s warm-up on fresh documents; ` +
        `every edit goes to ${shape.clientsPerDocument - 1} other clients`,
    );
    console.log("note: the clients run in this benchmark process and share the machine's cores with the server under test.\n");
    console.log(resultsTable(results));
    console.log("\nIssue 15's targets at this load (ratios to the reference in this run):");
    for (const [index, accord] of accords.entries()) {
      if (reference)
        for (const line of verdictLines(
          accord.label,
          loadVerdicts(reference, accord, sessions[index + 1]!.target.kind === "postgres" ? "postgres" : "pglite"),
        ))
          console.log(line);
    }
    for (const result of results) if (result.error) console.log(`${result.label} failed: ${result.error}`);
    correct = results.every(isCorrect);
    console.log(
      correct ? "correctness: every run converged and lost nothing; Accord stored every edit." : "correctness: FAILED (see above)",
    );
  }
  if (storms.length > 0) {
    console.log(
      `\nconnection storm: ${storm.clients} stock y-websocket clients created at once over ${storm.documents} documents of ${storm.paragraphs} paragraphs ` +
        "(each document held open by a seeding client); Accord's clients each with their own account's session cookie (editor of the document), signed in during set-up.\n",
    );
    console.log(stormTable(storms));
    console.log("\nIssue 15's storm target (server CPU per connection to the last sync ≤ 2× the reference):");
    const [referenceStorm, ...accordStorms] = storms;
    for (const accordStorm of accordStorms) {
      if (!referenceStorm) break;
      const verdict = stormVerdict(referenceStorm, accordStorm);
      console.log(`- ${accordStorm.label}: ${verdict.measured}: **${verdictText(verdict.met)}**`);
    }
    const stormCorrect = storms.every((result) => result.error === null && result.contentProblems === 0);
    for (const result of storms) if (result.error) console.log(`${result.label} storm failed: ${result.error}`);
    if (!stormCorrect) console.log("storm correctness: FAILED (see above)");
    correct &&= stormCorrect;
  }
  return correct ? 0 : 1;
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
