import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTimeoutMs } from "./e2e-setup.js";

/** The repository root. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A built Accord server running as its own process, as `pnpm start` runs it. */
export interface AccordProcess {
  origin: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Removes its data directory. */
  cleanUp(): Promise<void>;
}

/**
 * Starts `node apps/server/dist/main.js` (the built server; `pnpm test` builds first) on a free port with
 * a new embedded database, and waits until it says where it listens.
 */
export async function startAccordProcess(env: NodeJS.ProcessEnv = {}): Promise<AccordProcess> {
  // A new embedded database, unless the caller restarts on an existing one.
  const dataDir = env.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), "accord-e2e-")));
  const child = spawn(process.execPath, [path.join(repositoryRoot, "apps/server/dist/main.js")], {
    cwd: repositoryRoot,
    env: { ...process.env, NODE_ENV: "development", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "", ...env, DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Accord did not start within ${startTimeoutMs / 1000} s:\n${printed}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /Accord is listening on (http:\/\/[^\s"]+)/.exec(printed);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Accord exited with ${code} before listening:\n${printed}`));
    });
  });
  return {
    origin,
    dataDir,
    child,
    output: () => printed,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
    cleanUp: () => rm(dataDir, { recursive: true, force: true }),
  };
}
