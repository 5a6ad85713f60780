import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryRoot, startAccordProcess, type AccordProcess } from "./accord-process.js";

/** Runs a built command-line tool on a data folder; resolves with its exit code and what it printed. */
function runCli(script: string, dataDir: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repositoryRoot, "apps/server/dist/cli", script)], {
      cwd: repositoryRoot,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (status) => resolve({ status, output }));
  });
}

/** Waits for a process to end and returns its exit code and signal. */
function exited(accord: AccordProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (accord.child.exitCode !== null || accord.child.signalCode !== null) {
      return resolve({ code: accord.child.exitCode, signal: accord.child.signalCode });
    }
    accord.child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

// Two processes on one embedded folder would both accept writes and fork the audit chain: the folder
// is locked by whoever opens it first, and every other process (server or command) refuses, naming it.
describe("one process at a time on an embedded data folder", () => {
  const running: AccordProcess[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), "accord-lock-e2e-"));
  afterAll(async () => {
    // stop() waits for an exit; a process that already ended (the SIGKILLed one) has none to come.
    for (const accord of running) if (accord.child.exitCode === null && accord.child.signalCode === null) await accord.stop();
    await running[0]?.cleanUp();
    rmSync(scratch, { recursive: true, force: true });
  });

  it(
    "refuses a second server, db:migrate and audit:verify while a server runs; takes over after a SIGKILL",
    { timeout: 300_000 },
    async () => {
      const first = await startAccordProcess();
      running.push(first);
      const pid = first.child.pid!;

      const second = await startAccordProcess({ DATA_DIR: first.dataDir }).then(
        (accord) => {
          running.push(accord);
          return null;
        },
        (error: unknown) => String(error),
      );
      expect(second).toMatch(/exited with 1 before listening/);
      expect(second).toContain(`in use by the Accord server (process ${pid} on `);

      const verify = await runCli("verify-audit.js", first.dataDir);
      expect(verify.output).toContain(`in use by the Accord server (process ${pid} on `);
      expect(verify.output).not.toMatch(/intact|BROKEN/);
      expect(verify.status).toBe(2);

      const migrate = await runCli("migrate.js", first.dataDir);
      expect(migrate.output).toContain(`in use by the Accord server (process ${pid} on `);
      expect(migrate.status).toBe(1);

      // The first still serves, untouched by the refused attempts.
      expect((await fetch(`${first.origin}/api/health`)).status).toBe(200);

      first.child.kill("SIGKILL");
      expect((await exited(first)).signal).toBe("SIGKILL");
      expect(existsSync(path.join(first.dataDir, "accord.lock"))).toBe(true);

      const successor = await startAccordProcess({ DATA_DIR: first.dataDir });
      running.push(successor);
      expect((await fetch(`${successor.origin}/api/health`)).status).toBe(200);
      expect(await successor.stop()).toBe(0);
      // A clean stop lets go of the folder, so the audit can be checked.
      expect(existsSync(path.join(first.dataDir, "accord.lock"))).toBe(false);
      const after = await runCli("verify-audit.js", first.dataDir);
      expect(after.output).toMatch(/is intact: \d+ entries/);
      expect(after.status).toBe(0);
    },
  );

  it("says that audit:verify found no database in a missing folder, exits 2 (not 1, broken), and creates nothing", async () => {
    const missing = path.join(scratch, "no-such-folder");
    const verify = await runCli("verify-audit.js", missing);
    expect(verify.output).toContain(`There is no Accord database in ${missing}`);
    expect(verify.status).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });
});
