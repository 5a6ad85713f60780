/**
 * A side measurement for bench/RESULTS.md: how long one commit of one small update takes on its own, the
 * floor under Accord's commit-before-relay path. Times N sequential single-row INSERT … RETURNING seq
 * (autocommit, a 40-byte bytea) into a table shaped like `draft_updates`, on a fresh PGlite in a temp
 * dir, and on PostgreSQL when BENCH_DATABASE_URL is set (a scratch database, dropped after).
 * Run: npx tsx bench/collab/probe-commit.ts [N=500]
 */
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { PGlite } from "../../apps/server/node_modules/@electric-sql/pglite/dist/index.js";
import { createScratchDatabase, withPostgresClient } from "./accord-api.js";
import { cleanupAll, installSignalCleanup, makeTempDir, removeTempDir } from "./processes.js";
import { percentile } from "./report.js";

// Same columns, key and index as migrations/src/0003-draft-update-log.ts, without the foreign key.
const createTable = `CREATE TABLE probe_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  policy_id uuid NOT NULL,
  update bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX probe_updates_policy_seq ON probe_updates (policy_id, seq);`;
const insert = "INSERT INTO probe_updates (policy_id, update) VALUES ($1, $2) RETURNING seq";

async function time(count: number, run: () => Promise<unknown>): Promise<string> {
  for (let index = 0; index < 20; index++) await run(); // warm-up
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    samples[index] = performance.now() - started;
  }
  samples.sort();
  const f = (fraction: number) => percentile(samples, fraction).toFixed(2);
  return `p50 ${f(0.5)} ms, p95 ${f(0.95)} ms, p99 ${f(0.99)} ms, max ${f(1)} ms (${count} commits)`;
}

async function main(): Promise<void> {
  installSignalCleanup();
  const count = Number(process.argv[2] ?? 500);
  const policyId = randomUUID();
  const update = randomBytes(40);

  const dataDir = makeTempDir("accord-probe-");
  try {
    const pglite = await PGlite.create({ dataDir });
    await pglite.exec(createTable);
    console.log(`PGlite (${dataDir}): ${await time(count, () => pglite.query(insert, [policyId, update]))}`);
    await pglite.close();
  } finally {
    removeTempDir(dataDir);
  }

  const adminUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl);
    try {
      await withPostgresClient(scratch.url, async (client) => {
        await client.query(createTable);
        console.log(`PostgreSQL (${new URL(adminUrl).host}): ${await time(count, () => client.query(insert, [policyId, update]))}`);
      });
    } finally {
      await scratch.drop();
    }
  }
}

main()
  .then(() => cleanupAll())
  .catch(async (error: unknown) => {
    console.error("probe failed:", error);
    await cleanupAll();
    process.exitCode = 1;
  });
