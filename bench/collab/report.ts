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
  /** Highest VmRSS sampled in a measured window, and VmHWM (peak since start) at the end, MiB. */
  serverRssPeakMiB: number;
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
  { name: "server RSS peak in window (MiB)", value: (r) => r.serverRssPeakMiB, ratio: true, digits: 0 },
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

/** The verdict on the target: Accord's p99 within 1.5× the reference's. */
export function p99Verdict(reference: TargetResult, accord: TargetResult): string {
  const theirs = percentile(Float64Array.from(reference.latencies).sort(), 0.99);
  const mine = percentile(Float64Array.from(accord.latencies).sort(), 0.99);
  if (!Number.isFinite(theirs) || !Number.isFinite(mine)) return `${accord.label}: no p99 to compare`;
  const ratio = mine / theirs;
  const verdict =
    ratio <= 1.5
      ? "MET"
      : `MISSED by ${((ratio / 1.5 - 1) * 100).toFixed(0)}% (${(mine - 1.5 * theirs).toFixed(2)} ms over 1.5× the reference)`;
  return `${accord.label}: p99 ${mine.toFixed(2)} ms vs reference ${theirs.toFixed(2)} ms = ${ratio.toFixed(2)}× (target ≤ 1.5×): ${verdict}`;
}
