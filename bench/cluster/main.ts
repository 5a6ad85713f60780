/**
 * `pnpm bench:cluster`: three Accord processes (built server, PostgreSQL, Redis, haproxy) beside three
 * Hocuspocus processes (its Redis extension, its Database extension storing to PostgreSQL, haproxy), under
 * the same load from the same client code, in one run, rounds interleaved. Per system: fan-out p50/p99
 * between clients on different processes, CPU per delivered update, Redis commands per edit, and edits
 * lost when one process is SIGKILLed under load.
 * Env: BENCH_DOCS, BENCH_CLIENTS (per document), BENCH_RATE (edits/s per client), BENCH_SECONDS (measured
 * per system, split over the rounds), BENCH_WARMUP, BENCH_ROUNDS, BENCH_AFTER_KILL, BENCH_SETTLE;
 * TEST_DATABASE_URL (or DATABASE_URL; default postgres://postgres@127.0.0.1:5432/test): the PostgreSQL
 * server on which each cluster gets a fresh database. Each cluster gets a private redis-server on a free port.
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { cleanupAll, installSignalCleanup } from "../collab/processes.js";
import { startAccord, startHocuspocus, type ClusterUnderTest } from "./clusters.js";
import { runRound, type RoundResult, type Shape } from "./run.js";

const log = (line: string) => console.error(`bench: ${line}`);

function number(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, not "${raw}"`);
  return value;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Totals {
  label: string;
  rounds: RoundResult[];
  error?: string;
}

function sum(rounds: RoundResult[], pick: (round: RoundResult) => number): number {
  return rounds.reduce((total, round) => total + pick(round), 0);
}

function table(totals: Totals[], seconds: number): string {
  const header = [
    "server",
    "fan-out p50 ms",
    "p99 ms",
    "same process p50 / p99 ms",
    "deliveries/s",
    "CPU ms per delivery (servers)",
    "(+ Redis)",
    "(+ Redis + PostgreSQL)",
    "Redis cmds per edit",
    "relayed, not stored at kill",
    "lost after reconnect",
    "everyone has every pre-kill edit, s after kill",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const { label, rounds, error } of totals) {
    if (error || rounds.length === 0) {
      lines.push(`| ${label} | failed: ${error ?? "no round"} |`);
      continue;
    }
    const latencies = rounds.flatMap((round) => round.latencies);
    const same = rounds.flatMap((round) => round.sameProcessLatencies);
    const deliveries = sum(rounds, (round) => round.deliveriesInWindow);
    const serverCpu = sum(rounds, (round) => round.serverCpuSeconds);
    const redisCpu = sum(rounds, (round) => round.redisCpuSeconds);
    const databaseCpu = sum(rounds, (round) => round.databaseCpuSeconds);
    const edits = sum(rounds, (round) => round.editsInWindow);
    const reconverged = rounds.map((round) => round.reconvergedMs);
    lines.push(
      `| ${[
        label,
        percentile(latencies, 50).toFixed(1),
        percentile(latencies, 99).toFixed(1),
        `${percentile(same, 50).toFixed(1)} / ${percentile(same, 99).toFixed(1)}`,
        (deliveries / seconds).toFixed(0),
        ((serverCpu * 1000) / deliveries).toFixed(3),
        (((serverCpu + redisCpu) * 1000) / deliveries).toFixed(3),
        (((serverCpu + redisCpu + databaseCpu) * 1000) / deliveries).toFixed(3),
        (sum(rounds, (round) => round.redisCommands) / edits).toFixed(2),
        `${sum(rounds, (round) => round.relayedNotStoredAtKill)} of ${sum(rounds, (round) => round.relayedAtKill)}`,
        `${sum(rounds, (round) => round.lostAfterReconvergence)} of ${sum(rounds, (round) => round.totalEdits)}`,
        reconverged.map((ms) => (ms === null ? "no" : (ms / 1000).toFixed(1))).join(", "),
      ].join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  installSignalCleanup();
  process.env.TEST_DATABASE_URL ||= process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const loadBefore = loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  const rounds = Math.round(number("BENCH_ROUNDS", 2, 1));
  const shape: Shape = {
    documents: Math.round(number("BENCH_DOCS", 4, 1)),
    clientsPerDocument: Math.round(number("BENCH_CLIENTS", 6, 2)),
    editsPerSecond: number("BENCH_RATE", 4, 0.1),
    warmupSeconds: number("BENCH_WARMUP", 2, 0),
    seconds: number("BENCH_SECONDS", 20, 1),
    afterKillSeconds: number("BENCH_AFTER_KILL", 3, 0),
    settleSeconds: number("BENCH_SETTLE", 12, 0),
  };
  process.setMaxListeners(shape.documents * shape.clientsPerDocument * 2 + 20);
  const roundShape: Shape = { ...shape, seconds: shape.seconds / rounds };
  const systems: { system: ClusterUnderTest | null; totals: Totals }[] = [];
  try {
    for (const [label, start] of [
      ["Accord", startAccord],
      ["Hocuspocus", startHocuspocus],
    ] as const) {
      log(`starting three ${label} processes behind haproxy`);
      try {
        systems.push({ system: await start(), totals: { label, rounds: [] } });
      } catch (error) {
        log(`${label} failed to start: ${String(error)}`);
        systems.push({ system: null, totals: { label, rounds: [], error: String(error).slice(0, 200) } });
      }
    }
    for (let round = 1; round <= rounds; round++) {
      // A B, B A, …: a slow phase of the shared machine does not land on one system only. Each round kills
      // another process (the second, then the third, …) and starts it again; even rounds time the kill
      // right as an edit is sent to that process.
      for (const entry of round % 2 === 1 ? systems : [...systems].reverse()) {
        if (!entry.system || entry.totals.error) continue;
        try {
          const result = await runRound(entry.system, roundShape, round, { index: round % 3, onEdit: round % 2 === 0 }, log);
          entry.totals.rounds.push(result);
          log(
            `${entry.totals.label} round ${round}: fan-out p50/p99 ${percentile(result.latencies, 50).toFixed(1)}/${percentile(result.latencies, 99).toFixed(1)} ms ` +
              `across processes, ${percentile(result.sameProcessLatencies, 50).toFixed(1)}/${percentile(result.sameProcessLatencies, 99).toFixed(1)} ms within one`,
          );
        } catch (error) {
          entry.totals.error = error instanceof Error ? error.message.slice(0, 300) : String(error);
          log(`${entry.totals.label} failed in round ${round}: ${entry.totals.error}`);
        }
      }
    }
  } finally {
    for (const { system } of systems) await system?.stop().catch((error: unknown) => log(`stopping: ${String(error)}`));
  }
  const totals = systems.map((entry) => entry.totals);
  console.log(`\n## Cluster benchmark, ${new Date().toISOString()}`);
  console.log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}; load average before ${loadBefore}, after ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `load: ${shape.documents} documents × ${shape.clientsPerDocument} clients × ${shape.editsPerSecond} edits/s, ${shape.seconds} s measured per system ` +
      `in ${rounds} interleaved round(s) after ${shape.warmupSeconds} s warm-up; then one process SIGKILLed under load, ${shape.afterKillSeconds} s more typing, ` +
      `reconvergence, ${shape.settleSeconds} s settle, storage read. Latency only between clients on different processes.`,
  );
  console.log("");
  console.log(table(totals, shape.seconds));
  const accord = totals.find((entry) => entry.label === "Accord");
  const lost = accord && !accord.error ? sum(accord.rounds, (round) => round.lostAfterReconvergence + round.relayedNotStoredAtKill) : NaN;
  const ok =
    accord !== undefined &&
    !accord.error &&
    lost === 0 &&
    accord.rounds.every((round) => round.diverged === 0 && round.reconvergedMs !== null);
  console.log(ok ? "\nAccord: every edit stored, every client reconverged." : "\nAccord: FAILED (see above)");
  return ok ? 0 : 1;
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
