import type { LoadResult } from "./load.js";

/** Everything measured for one server, summed over its rounds. */
export interface TargetResult {
  label: string;
  rounds: number;
  /** Length of the measured windows, summed. */
  measuredSeconds: number;
  /** Fan-out latencies (ms) of every edit made in a measured window, to every other client of its document. */
  latencies: number[];
  measuredEdits: number;
  expectedDeliveries: number;
  deliveredInWindow: number;
  lost: number;
  closes: number;
  errors: number;
  convergenceProblems: string[];
  /** Stored-draft check (Accord only): null when not applicable. */
  storageProblems: string[] | null;
  /** CPU seconds (user + sys, all threads) the server and this process used in the measured windows. */
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  /** Highest VmRSS sampled in a measured window, VmRSS after the last round, and VmHWM (peak since start) at the end, MiB. */
  serverRssPeakMiB: number;
  serverRssEndMiB: number;
  serverHwmMiB: number;
  serverWarnings: number;
  /** The worst round's p99 event-loop lag of this process (the clients). */
  clientLoopLagP99Ms: number;
  error: string | null;
}

/** An empty result, to add rounds to. */
export function emptyResult(label: string): TargetResult {
  return {
    label,
    rounds: 0,
    measuredSeconds: 0,
    latencies: [],
    measuredEdits: 0,
    expectedDeliveries: 0,
    deliveredInWindow: 0,
    lost: 0,
    closes: 0,
    errors: 0,
    convergenceProblems: [],
    storageProblems: null,
    serverCpuSeconds: 0,
    clientCpuSeconds: 0,
    serverRssPeakMiB: 0,
    serverRssEndMiB: NaN,
    serverHwmMiB: NaN,
    serverWarnings: 0,
    clientLoopLagP99Ms: 0,
    error: null,
  };
}

/** Adds one round's client-side figures. */
export function addLoad(result: TargetResult, load: LoadResult, seconds: number): void {
  result.rounds++;
  result.measuredSeconds += seconds;
  for (const latency of load.latencies) result.latencies.push(latency);
  result.measuredEdits += load.measuredEdits;
  result.expectedDeliveries += load.expectedDeliveries;
  result.deliveredInWindow += load.deliveredInWindow;
  result.lost += load.lost;
  result.closes += load.closes;
  result.errors += load.errors;
  result.convergenceProblems.push(...load.problems);
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** True when every round finished, converged, lost nothing, and (Accord) stored every edit. */
export function isCorrect(result: TargetResult): boolean {
  return (
    result.error === null &&
    result.rounds > 0 &&
    result.convergenceProblems.length === 0 &&
    result.lost === 0 &&
    result.latencies.length === result.expectedDeliveries &&
    (result.storageProblems === null || result.storageProblems.length === 0)
  );
}

interface Row {
  name: string;
  value(result: TargetResult, sorted: Float64Array): number | string;
  /** Whether a ratio to the reference means something for this row. */
  ratio?: boolean;
  digits?: number;
}

const perSecond = (count: number, result: TargetResult) => count / result.measuredSeconds;

const rows: Row[] = [
  { name: "fan-out latency p50 (ms)", value: (_, sorted) => percentile(sorted, 0.5), ratio: true, digits: 2 },
  { name: "fan-out latency p95 (ms)", value: (_, sorted) => percentile(sorted, 0.95), ratio: true, digits: 2 },
  { name: "fan-out latency p99 (ms)", value: (_, sorted) => percentile(sorted, 0.99), ratio: true, digits: 2 },
  { name: "fan-out latency max (ms)", value: (_, sorted) => percentile(sorted, 1), ratio: true, digits: 2 },
  { name: "edits made per second (all clients)", value: (r) => perSecond(r.measuredEdits, r), digits: 1 },
  { name: "deliveries measured / expected", value: (r) => `${r.latencies.length} / ${r.expectedDeliveries}` },
  { name: "updates delivered per second", value: (r) => perSecond(r.deliveredInWindow, r), ratio: true, digits: 1 },
  { name: "server CPU (% of one core)", value: (r) => perSecond(r.serverCpuSeconds, r) * 100, ratio: true, digits: 1 },
  {
    name: "server CPU per delivered update (µs)",
    value: (r) => cpuPerDeliveredMicros(r),
    ratio: true,
    digits: 1,
  },
  { name: "server RSS peak in window (MiB)", value: (r) => r.serverRssPeakMiB, ratio: true, digits: 0 },
  { name: "server RSS at the end of the load (MiB)", value: (r) => r.serverRssEndMiB, ratio: true, digits: 0 },
  { name: "server VmHWM since start (MiB)", value: (r) => r.serverHwmMiB, ratio: true, digits: 0 },
  { name: "bench clients CPU (% of one core)", value: (r) => perSecond(r.clientCpuSeconds, r) * 100, digits: 1 },
  { name: "bench event-loop lag p99 (ms)", value: (r) => r.clientLoopLagP99Ms, digits: 1 },
  { name: "closes / errors / lost deliveries", value: (r) => `${r.closes} / ${r.errors} / ${r.lost}` },
  { name: "server warnings logged under load", value: (r) => r.serverWarnings, digits: 0 },
  {
    name: "clients converged, each edit once",
    value: (r) => (r.rounds === 0 ? "-" : r.convergenceProblems.length === 0 ? "yes" : `NO (${r.convergenceProblems.length})`),
  },
  {
    name: "stored draft holds every edit",
    value: (r) => (r.storageProblems === null ? "n/a" : r.storageProblems.length === 0 ? "yes" : `NO (${r.storageProblems.length})`),
  },
];

function format(value: number | string, digits = 1): string {
  if (typeof value === "string") return value;
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}

/** A Markdown table: one column per server, then each Accord column's ratio to the reference (the first). */
export function resultsTable(results: TargetResult[]): string {
  const [reference, ...others] = results;
  if (!reference) return "";
  const sorted = new Map(results.map((result) => [result, Float64Array.from(result.latencies).sort()]));
  const value = (row: Row, result: TargetResult) => row.value(result, sorted.get(result)!);
  const header = ["metric", ...results.map((result) => result.label), ...others.map((result) => `${result.label} ÷ ref`)];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, index) => (index === 0 ? "---" : "---:")).join("|")}|`];
  for (const row of rows) {
    const cells = results.map((result) => format(value(row, result), row.digits));
    const ratios = others.map((result) => {
      const mine = value(row, result);
      const theirs = value(row, reference);
      return row.ratio && typeof mine === "number" && typeof theirs === "number" && theirs > 0 ? `${(mine / theirs).toFixed(2)}×` : "";
    });
    lines.push(`| ${[row.name, ...cells, ...ratios].join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Server CPU (user + sys, all threads) per update delivered in the measured windows, in µs. */
export function cpuPerDeliveredMicros(result: TargetResult): number {
  return result.deliveredInWindow > 0 ? (result.serverCpuSeconds / result.deliveredInWindow) * 1e6 : NaN;
}

/** Which database an Accord result ran on: the targets differ. */
export type Backend = "pglite" | "postgres";

/** One target of issue 15 checked on one Accord result against the reference of the same run. */
export interface Verdict {
  target: string;
  measured: string;
  met: boolean | null;
}

const ratioOf = (mine: number, theirs: number) => (Number.isFinite(mine) && Number.isFinite(theirs) && theirs > 0 ? mine / theirs : NaN);

/** Marks a figure met / missed / not measured. */
export function verdictText(met: boolean | null): string {
  return met === null ? "not measured" : met ? "met" : "MISSED";
}

/**
 * Issue 15's targets at the collaboration load, as ratios to the reference in the same run: p99 ≤ 3× on
 * PGlite and ≤ 2× on PostgreSQL; p50 at most 1 ms over the reference's; CPU per delivered update ≤ 1.5×
 * on PostgreSQL (no CPU target on PGlite: its ratio is shown for information).
 */
export function loadVerdicts(reference: TargetResult, accord: TargetResult, backend: Backend): Verdict[] {
  const sorted = (result: TargetResult) => Float64Array.from(result.latencies).sort();
  const theirs = sorted(reference);
  const mine = sorted(accord);
  const p99Ratio = ratioOf(percentile(mine, 0.99), percentile(theirs, 0.99));
  const p99Limit = backend === "pglite" ? 3 : 2;
  const p50Over = percentile(mine, 0.5) - percentile(theirs, 0.5);
  const cpuRatio = ratioOf(cpuPerDeliveredMicros(accord), cpuPerDeliveredMicros(reference));
  const known = (value: number, ok: boolean) => (Number.isFinite(value) ? ok : null);
  const verdicts: Verdict[] = [
    {
      target: `fan-out p99 ≤ ${p99Limit}× the reference`,
      measured: `${percentile(mine, 0.99).toFixed(2)} vs ${percentile(theirs, 0.99).toFixed(2)} ms = ${p99Ratio.toFixed(2)}×`,
      met: known(p99Ratio, p99Ratio <= p99Limit),
    },
    {
      target: "fan-out p50 ≤ the reference's + 1 ms",
      measured: `${percentile(mine, 0.5).toFixed(2)} vs ${percentile(theirs, 0.5).toFixed(2)} ms = ${p50Over >= 0 ? "+" : ""}${p50Over.toFixed(2)} ms`,
      met: known(p50Over, p50Over <= 1),
    },
    {
      target:
        backend === "postgres"
          ? "server CPU per delivered update ≤ 1.5× the reference"
          : "server CPU per delivered update (no target on PGlite)",
      measured: `${cpuPerDeliveredMicros(accord).toFixed(1)} vs ${cpuPerDeliveredMicros(reference).toFixed(1)} µs = ${cpuRatio.toFixed(2)}×`,
      met: backend === "postgres" ? known(cpuRatio, cpuRatio <= 1.5) : null,
    },
  ];
  return verdicts;
}

/** The verdicts as Markdown lines, one per target. */
export function verdictLines(label: string, verdicts: readonly Verdict[]): string[] {
  return verdicts.map(
    (verdict) =>
      `- ${label}: ${verdict.target}: ${verdict.measured}: **${verdict.met === null ? "(information)" : verdictText(verdict.met)}**`,
  );
}
