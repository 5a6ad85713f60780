/**
 * `pnpm bench:suggest-flood`: one commenter trying to freeze the server. Four sockets of one suggest-only
 * account each send a valid update of their own suggestions every 12 ms and reconnect at once after a
 * close (4429 included), against the built server listening on a real port; meanwhile another client
 * asks `GET /api/health` every 10 ms (open loop: a request does not wait for the one before), and the
 * latencies are printed beside two references measured in the same run: no attack, and an editor's flood
 * of the same shape (plain text, which takes no suggestion check). Target: health p99 under 100 ms during
 * the commenter's attack.
 * Env: BENCH_SECONDS (attack, default 20), BENCH_REFERENCE_SECONDS (default 10), BENCH_SOCKETS (4),
 * BENCH_INTERVAL_MS (12), BENCH_DATABASE_URL (run on a scratch PostgreSQL database instead of PGlite).
 */
import { fork } from "node:child_process";
import { cpus, loadavg, setPriority } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDatabase, logIn } from "../collab/accord-api.js";
import { cleanupAll, cpuSeconds, installSignalCleanup, makeTempDir, startAccord, type ServerProcess } from "../collab/processes.js";
import type { AttackFigures, AttackSettings } from "./attacker.js";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const attackSeconds = number("BENCH_SECONDS", 20);
const referenceSeconds = number("BENCH_REFERENCE_SECONDS", 10);
const sockets = Math.round(number("BENCH_SOCKETS", 4));
const intervalMs = number("BENCH_INTERVAL_MS", 12);
const probeIntervalMs = 10;
const log = (message: string) => console.error(`bench: ${message}`);

interface Latencies {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

/** Asks GET /api/health every 10 ms for the duration, without waiting for answers, and times each answer. */
async function probeHealth(origin: string, seconds: number): Promise<Latencies> {
  const times: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const end = performance.now() + seconds * 1000;
  let next = performance.now();
  while (performance.now() < end) {
    const sent = performance.now();
    pending.push(
      fetch(`${origin}/api/health`).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.ok) times.push(performance.now() - sent);
          else failed++;
        },
        () => void failed++,
      ),
    );
    next += probeIntervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  const at = (quantile: number) => times[Math.min(times.length - 1, Math.ceil(times.length * quantile) - 1)] ?? NaN;
  return { samples: times.length, p50: at(0.5), p99: at(0.99), max: times.at(-1) ?? NaN, failed };
}

function runAttacker(settings: AttackSettings): Promise<AttackFigures> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "attacker.ts");
  // fork keeps this process's execArgv, so the child runs TypeScript through tsx as this one does.
  const child = fork(script, [JSON.stringify(settings)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  // A real attacker runs on another machine: on these two cores, its own work (four Yjs clients, each
  // applying what the others' sockets relay) must not starve the server or the probe, so it runs niced.
  if (child.pid) setPriority(child.pid, 19);
  return new Promise((resolve, reject) => {
    let figures: AttackFigures | null = null;
    child.on("message", (message) => (figures = message as AttackFigures));
    child.on("exit", (code) => (figures ? resolve(figures) : reject(new Error(`the attacker exited with ${code} and no figures`))));
  });
}

installSignalCleanup();
let server: ServerProcess | undefined;
try {
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim();
  const storage = adminUrl
    ? { kind: "postgres" as const, url: (await createScratchDatabase(adminUrl)).url }
    : { kind: "pglite" as const, dataDir: makeTempDir("accord-suggest-flood-") };
  server = await startAccord(storage, 100);
  const origin = server.origin;
  const facilitatorCookie = await logIn(origin, "facilitator@accord.test", "accord-demo");
  const advocateCookie = await logIn(origin, "advocate@accord.test", "accord-demo");
  const officerCookie = await logIn(origin, "officer@accord.test", "accord-demo");
  const accounts = (await (await fetch(`${origin}/api/accounts`, { headers: { cookie: facilitatorCookie } })).json()) as {
    accounts: { id: string; email: string }[];
  };
  const idOf = (email: string) => accounts.accounts.find((account) => account.email === email)!.id;
  const policies = (await (await fetch(`${origin}/api/policies`, { headers: { cookie: facilitatorCookie } })).json()) as {
    policies: { id: string; slug: string }[];
  };
  const policyId = policies.policies.find((policy) => policy.slug === "body-worn-cameras")!.id;

  log(`warming up, then ${referenceSeconds} s of health probes with no attack`);
  await probeHealth(origin, 1);
  const reference = await probeHealth(origin, referenceSeconds);

  const flood = async (asEditor: boolean) => {
    const cpuBefore = cpuSeconds(server!.pid);
    const attack = runAttacker({
      origin,
      policyId,
      cookie: asEditor ? officerCookie : advocateCookie,
      userId: idOf(asEditor ? "officer@accord.test" : "advocate@accord.test"),
      affiliation: asEditor ? "police" : "community",
      asEditor,
      sockets,
      intervalMs,
      seconds: attackSeconds,
    });
    const latencies = await probeHealth(origin, attackSeconds);
    return { latencies, figures: await attack, serverCpu: (cpuSeconds(server!.pid) - cpuBefore) / attackSeconds };
  };
  // The commenter first, on the demo draft as seeded; then the editor (whose text makes the draft longer).
  log(`${attackSeconds} s of attack: ${sockets} sockets of one commenter, an own-suggestion update every ${intervalMs} ms each`);
  const { latencies: underAttack, figures, serverCpu } = await flood(false);
  log(`${attackSeconds} s of an editor's flood of the same shape (a reference: no suggestion check)`);
  const editorFlood = await flood(true);
  const suggestions = (await (
    await fetch(`${origin}/api/policies/${policyId}/suggestions`, { headers: { cookie: facilitatorCookie } })
  ).json()) as {
    suggestions: unknown[];
  };

  const row = (name: string, latencies: Latencies) =>
    `| ${name} | ${latencies.samples} | ${latencies.p50.toFixed(1)} ms | ${latencies.p99.toFixed(1)} ms | ${latencies.max.toFixed(1)} ms | ${latencies.failed} |`;
  console.log(
    `Suggest-flood benchmark (${storage.kind}): ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")} at the end`,
  );
  console.log("| GET /api/health, one every 10 ms | answers | p50 | p99 | max | failed |");
  console.log("|---|---:|---:|---:|---:|---:|");
  console.log(row(`reference: no attack (${referenceSeconds} s)`, reference));
  console.log(row(`reference: an editor's flood of the same shape (${attackSeconds} s)`, editorFlood.latencies));
  console.log(row(`under the commenter's attack (${attackSeconds} s)`, underAttack));
  console.log(
    `Attack: ${figures.updatesSent} updates sent over ${figures.connects} connections (${figures.failedConnects} failed to connect); closes by code ${JSON.stringify(
      figures.closesByCode,
    )}; ${suggestions.suggestions.length} pending suggestions in the draft afterwards; server CPU ${(serverCpu * 100).toFixed(0)} % of one core.`,
  );
  console.log(
    `Editor's flood: ${editorFlood.figures.updatesSent} updates sent over ${editorFlood.figures.connects} connections; closes by code ${JSON.stringify(
      editorFlood.figures.closesByCode,
    )}; server CPU ${(editorFlood.serverCpu * 100).toFixed(0)} % of one core.`,
  );
  const met = underAttack.p99 < 100;
  console.log(`Target (health p99 under attack < 100 ms): ${met ? "met" : "NOT met"}.`);
  if (server.warnings.length > 0) log(`server warnings:\n${server.warnings.slice(0, 10).join("\n")}`);
  process.exitCode = met ? 0 : 1;
} finally {
  await cleanupAll();
}
