import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, lockFileName } from "./data-dir-lock.js";
import { createDatabase, NoDatabaseError } from "./database.js";

const folders: string[] = [];
function newFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "accord-lock-"));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The pid of a process that has certainly ended. */
function pidOfEndedProcess(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function writeLock(folder: string, holder: object): void {
  writeFileSync(path.join(folder, lockFileName), JSON.stringify(holder));
}

describe("the lock of an embedded data folder", () => {
  it("is held by one taker: a second refuses, naming the holder's pid, purpose and start", () => {
    const folder = newFolder();
    const lock = lockDataDir(folder, "the Accord server");
    try {
      expect(() => lockDataDir(folder, "audit:verify")).toThrow(DataDirLockedError);
      expect(() => lockDataDir(folder, "audit:verify")).toThrow(
        new RegExp(`in use by the Accord server \\(process ${process.pid} on .+, since \\d{4}-\\d\\d-\\d\\dT`),
      );
    } finally {
      lock.release();
    }
    expect(existsSync(path.join(folder, lockFileName))).toBe(false);
    lockDataDir(folder, "db:migrate").release();
  });

  it("takes over a lock whose process is gone (after a SIGKILL)", () => {
    const folder = newFolder();
    const deadPid = pidOfEndedProcess();
    writeLock(folder, { pid: deadPid, hostname: hostname(), startedAt: "2026-01-01T00:00:00.000Z", purpose: "the Accord server" });
    const lock = lockDataDir(folder, "the Accord server");
    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({ pid: process.pid, purpose: "the Accord server" });
    lock.release();
  });

  it("takes over a lock left with its own pid by an earlier process (node is process 1 in a container)", () => {
    const folder = newFolder();
    writeLock(folder, { pid: process.pid, hostname: hostname(), startedAt: "2026-01-01T00:00:00.000Z", purpose: "the Accord server" });
    const lock = lockDataDir(folder, "the Accord server");
    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({ pid: process.pid, purpose: "the Accord server" });
    lock.release();
  });

  it("takes over a lock from an earlier boot, even if its pid is alive now", () => {
    const folder = newFolder();
    const lock = lockDataDir(folder, "the Accord server");
    const written = JSON.parse(readFileSync(lock.path, "utf8")) as { bootId?: string };
    lock.release();
    // The kernel gives a boot id on Linux (where CI runs); elsewhere the pid alone decides.
    const bootIdFile = "/proc/sys/kernel/random/boot_id";
    expect(written.bootId).toBe(existsSync(bootIdFile) ? readFileSync(bootIdFile, "utf8").trim() : undefined);
    if (!written.bootId) return;
    writeLock(folder, {
      pid: 1,
      hostname: hostname(),
      startedAt: "2026-01-01T00:00:00.000Z",
      purpose: "the Accord server",
      bootId: "an-earlier-boot",
    });
    lockDataDir(folder, "the Accord server").release();
  });

  it("never takes over a lock of another machine, nor one it cannot read", () => {
    const folder = newFolder();
    writeLock(folder, {
      pid: pidOfEndedProcess(),
      hostname: `not-${hostname()}`,
      startedAt: "2026-01-01T00:00:00.000Z",
      purpose: "the Accord server",
    });
    expect(() => lockDataDir(folder, "db:migrate")).toThrow(/in use by the Accord server/);
    writeFileSync(path.join(folder, lockFileName), "garbage");
    expect(() => lockDataDir(folder, "db:migrate")).toThrow(/cannot be read/);
  });

  it("does not remove a lock that is no longer its own", () => {
    const folder = newFolder();
    const lock = lockDataDir(folder, "the Accord server");
    const other = { pid: 1, hostname: hostname(), startedAt: "2026-01-01T00:00:00.000Z", purpose: "another server" };
    writeLock(folder, other);
    lock.release();
    expect(JSON.parse(readFileSync(path.join(folder, lockFileName), "utf8"))).toEqual(other);
  });
});

describe("an embedded database", () => {
  it("is opened by one process at a time and let go when destroyed", { timeout: 180_000 }, async () => {
    const folder = newFolder();
    const first = await createDatabase({ kind: "embedded", dataDir: folder }, { purpose: "the Accord server" });
    await expect(createDatabase({ kind: "embedded", dataDir: folder }, { purpose: "audit:verify" })).rejects.toThrow(
      /in use by the Accord server/,
    );
    await first.db.destroy();
    const second = await createDatabase({ kind: "embedded", dataDir: folder }, { purpose: "audit:verify", mustExist: true });
    await second.db.destroy();
    expect(existsSync(path.join(folder, lockFileName))).toBe(false);
  });

  it("that must exist is refused, and not created, where there is none", async () => {
    const missing = path.join(newFolder(), "no-such-folder");
    await expect(createDatabase({ kind: "embedded", dataDir: missing }, { mustExist: true })).rejects.toThrow(NoDatabaseError);
    expect(existsSync(missing)).toBe(false);
  });
});
