import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

// `pnpm bench:public`: requests per second on /policies/<slug> (rendered once and cached) beside
// @fastify/static serving the same bytes from disk, in the same run, each server in its own process.
// Target: Accord at least 0.8× the static server.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

function start(command: string[], env: NodeJS.ProcessEnv, ready: RegExp | null): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    if (ready === null) {
      // Readiness is checked by the caller (the health check); only a crash is reported here.
      child.once("exit", (code) => code !== null && code !== 0 && console.error(`server exited with ${code}:\n${output}`));
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      return resolve(child);
    }
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

async function load(url: string): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections, duration: seconds });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

let accord: ChildProcess | undefined;
let staticServer: ChildProcess | undefined;
const dataDir = await mkdtemp(path.join(tmpdir(), "accord-bench-public-"));
const staticDir = await mkdtemp(path.join(tmpdir(), "accord-bench-static-"));
try {
  const accordPort = await freePort();
  const staticPort = await freePort();
  accord = await start(
    ["apps/server/dist/main.js"],
    { PORT: String(accordPort), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", ACCORD_WEB_ROOT: "" },
    null,
  );
  // Wait for the listen line (warn level hides it): poll the health check.
  const accordUrl = `http://127.0.0.1:${accordPort}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (
      await fetch(`${accordUrl}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const page = await fetch(`${accordUrl}/policies/body-worn-cameras`);
  if (page.status !== 200) throw new Error(`the public page answered ${page.status}`);
  const bytes = Buffer.from(await page.arrayBuffer());
  await writeFile(path.join(staticDir, "body-worn-cameras.html"), bytes);
  staticServer = await start(["bench/public/static-server.mjs", staticDir, String(staticPort)], {}, /listening/);

  const results = { accord: [] as Awaited<ReturnType<typeof load>>[], static: [] as Awaited<ReturnType<typeof load>>[] };
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so that a busy moment of the machine does not land on one side only.
    const order = round % 2 === 0 ? (["static", "accord"] as const) : (["accord", "static"] as const);
    for (const side of order) {
      const url = side === "accord" ? `${accordUrl}/policies/body-worn-cameras` : `http://127.0.0.1:${staticPort}/body-worn-cameras.html`;
      results[side].push(await load(url));
    }
  }
  const mean = (list: Awaited<ReturnType<typeof load>>[], key: "rps" | "p50" | "p99") =>
    list.reduce((sum, item) => sum + item[key], 0) / list.length;
  console.log(
    `Public page benchmark: ${bytes.length} bytes, ${connections} connections, ${rounds} × ${seconds} s per server, autocannon in the benchmark process (2 cores shared).`,
  );
  console.log("| server | requests/s | latency p50 | latency p99 | errors | non-2xx |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const side of ["static", "accord"] as const) {
    const name = side === "accord" ? "Accord /policies/body-worn-cameras" : "@fastify/static, same bytes from disk";
    const errors = results[side].reduce((sum, item) => sum + item.errors, 0);
    const non2xx = results[side].reduce((sum, item) => sum + item.non2xx, 0);
    console.log(
      `| ${name} | ${mean(results[side], "rps").toFixed(0)} | ${mean(results[side], "p50").toFixed(1)} ms | ${mean(results[side], "p99").toFixed(1)} ms | ${errors} | ${non2xx} |`,
    );
  }
  const ratio = mean(results.accord, "rps") / mean(results.static, "rps");
  console.log(`Accord ÷ static: ${ratio.toFixed(2)}× (target at least 0.8×: ${ratio >= 0.8 ? "met" : "NOT met"}).`);
} finally {
  await stop(staticServer);
  await stop(accord);
  await rm(dataDir, { recursive: true, force: true });
  await rm(staticDir, { recursive: true, force: true });
}
