import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * One process at a time on an embedded data folder. PGlite is PostgreSQL in WebAssembly inside the
 * process: two processes on one folder each believe they own it, both accept writes, and the audit
 * chain forks. So whoever opens the folder (the server, `db:migrate`, `audit:verify`) first takes
 * `accord.lock` inside it, and a second process refuses, naming the first.
 *
 * Why a pid file and not `proper-lockfile`: that library judges a lock stale by its age, refreshed by
 * a timer. PGlite runs every query on the server's own thread, so a long query, a migration or a busy
 * machine can stall that timer past the stale limit, and a second process would then take the lock of
 * a server that is alive: the very fork this prevents. It also cannot say who holds the lock. A folder
 * of an embedded database is on this machine, so the holder's pid answers exactly: the lock is stale
 * when its process is gone (a SIGKILL, a crash, a power cut), and the next process takes it over.
 *
 * The lock file is made whole before it is put in place (written under a private name, then linked,
 * which fails if the name exists), so a reader never sees half of it.
 */

/** Who holds a data folder. */
export interface DataDirLockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock (ISO 8601). */
  startedAt: string;
  /** What the holder is: "the server", "db:migrate", … */
  purpose: string;
  /**
   * The kernel's boot id (Linux), when known: a lock from an earlier boot is stale whatever its pid,
   * because after a reboot the same pid may be another process's.
   */
  bootId?: string;
}

/** A held lock. */
export interface DataDirLock {
  readonly path: string;
  /** Removes the lock, if it is still ours. Safe to call more than once. */
  release(): void;
}

/** Thrown when another live process holds the folder (or its lock cannot be read). */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: DataDirLockHolder | null,
  ) {
    super(
      holder
        ? `The data folder ${dataDir} is in use by ${holder.purpose} (process ${holder.pid} on ${holder.hostname}, ` +
            `since ${holder.startedAt}). Stop it first: two processes on one embedded database would fork its data. ` +
            `If that process is certainly gone, remove ${lockPath}.`
        : `The data folder ${dataDir} is locked by ${lockPath}, which cannot be read. ` +
            `If no Accord process uses the folder, remove that file.`,
    );
    this.name = "DataDirLockedError";
  }
}

/** The lock file's name inside the data folder (beside PostgreSQL's own files, as postmaster.pid is). */
export const lockFileName = "accord.lock";

function readHolder(lockPath: string): { text: string; holder: DataDirLockHolder | null } | null {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<DataDirLockHolder>;
    if (typeof parsed.pid === "number" && typeof parsed.hostname === "string") {
      const holder: DataDirLockHolder = {
        pid: parsed.pid,
        hostname: parsed.hostname,
        startedAt: String(parsed.startedAt),
        purpose: String(parsed.purpose),
      };
      if (typeof parsed.bootId === "string") holder.bootId = parsed.bootId;
      return { text, holder };
    }
  } catch {
    // Not ours, or damaged: reported as unreadable, never taken over.
  }
  return { text, holder: null };
}

/** Whether a process with this pid exists on this machine (EPERM: it exists, under another user). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** This boot's id on Linux, or undefined where the kernel does not say. */
function currentBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The lock files this process holds now. */
const heldLockPaths = new Set<string>();

function isStale(holder: DataDirLockHolder, lockPath: string): boolean {
  // Another machine's pid means nothing here: never take over its lock.
  if (holder.hostname !== hostname()) return false;
  const bootId = currentBootId();
  if (holder.bootId && bootId && holder.bootId !== bootId) return true;
  // Our own pid: a lock we hold is alive; otherwise it is a lock left by an earlier process that had
  // the same pid (in a container, node is process 1 at every start).
  if (holder.pid === process.pid) return !heldLockPaths.has(lockPath);
  return !processExists(holder.pid);
}

/**
 * Takes the lock of an embedded data folder (creating the folder if needed), or throws
 * DataDirLockedError naming the process that holds it. A lock left by a process that is gone is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, lockFileName);
  const mine: DataDirLockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), purpose };
  const bootId = currentBootId();
  if (bootId) mine.bootId = bootId;
  const text = `${JSON.stringify(mine)}\n`;
  const draftPath = `${lockPath}.${process.pid}.new`;
  const draft = openSync(draftPath, "w", 0o644);
  try {
    writeSync(draft, text);
    fsyncSync(draft);
  } finally {
    closeSync(draft);
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draftPath, lockPath);
        return heldLock(lockPath, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const current = readHolder(lockPath);
      if (current === null) continue; // released meanwhile: try again
      if (current.holder === null || !isStale(current.holder, lockPath)) throw new DataDirLockedError(dataDir, lockPath, current.holder);
      takeOverStale(lockPath, current.text);
    }
    throw new DataDirLockedError(dataDir, lockPath, readHolder(lockPath)?.holder ?? null);
  } finally {
    unlinkSync(draftPath);
  }
}

/**
 * Removes a stale lock, but only the one judged stale: it is moved aside first (atomic), then checked.
 * If another process took the lock over in between, its fresh lock is put back (link fails rather than
 * replace anything), and the next round sees it alive.
 */
function takeOverStale(lockPath: string, staleText: string): void {
  const asidePath = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (readFileSync(asidePath, "utf8") !== staleText) {
    try {
      linkSync(asidePath, lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  unlinkSync(asidePath);
}

function heldLock(lockPath: string, text: string): DataDirLock {
  let held = true;
  heldLockPaths.add(lockPath);
  const release = () => {
    if (!held) return;
    held = false;
    heldLockPaths.delete(lockPath);
    process.removeListener("exit", release);
    // Only our own lock: never remove one that someone took over from us.
    if (readHolder(lockPath)?.text === text) unlinkSync(lockPath);
  };
  // A process that exits without closing the database (process.exit after an error) still lets go.
  process.on("exit", release);
  return { path: lockPath, release };
}
