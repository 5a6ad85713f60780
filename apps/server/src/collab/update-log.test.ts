import { describe, expect, it } from "vitest";
import type { DraftWrite } from "../storage/drafts.js";
import { UpdateLog, type CollabLog } from "./update-log.js";

const quiet: CollabLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const fast = { first: 1, max: 4 };

/** An error as the database gives one, with its SQLSTATE. */
const databaseError = (code: string, message = `SQLSTATE ${code}`) => Object.assign(new Error(message), { code });

/**
 * A store in memory that numbers each draft's updates, records every batch it was asked to write, and
 * answers each call when the test says so (`release`), or fails it as `refuse` decides.
 */
function fakeStore(refuse: (writes: readonly DraftWrite[]) => Error | undefined = () => undefined) {
  const batches: string[][] = [];
  const committed: string[] = [];
  const lastSeqs = new Map<string, number>();
  const held: (() => void)[] = [];
  let holding = false;
  let writing = 0;
  let mostWritingAtOnce = 0;
  const writingDrafts = new Set<string>();
  let draftWrittenTwiceAtOnce = false;
  const append = async (writes: readonly DraftWrite[]): Promise<number[]> => {
    batches.push(writes.map((write) => new TextDecoder().decode(write.update)));
    const drafts = new Set(writes.map((write) => write.policyId));
    for (const draft of drafts) {
      if (writingDrafts.has(draft)) draftWrittenTwiceAtOnce = true;
      writingDrafts.add(draft);
    }
    writing++;
    mostWritingAtOnce = Math.max(mostWritingAtOnce, writing);
    try {
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      else await Promise.resolve();
      const error = refuse(writes);
      if (error) throw error;
      return writes.map((write) => {
        const seq = (lastSeqs.get(write.policyId) ?? 0) + 1;
        lastSeqs.set(write.policyId, seq);
        committed.push(new TextDecoder().decode(write.update));
        return seq;
      });
    } finally {
      writing--;
      for (const draft of drafts) writingDrafts.delete(draft);
    }
  };
  return {
    append,
    batches,
    committed,
    hold: () => void (holding = true),
    /** Lets every held call go on, and stops holding. */
    releaseAll: () => {
      holding = false;
      for (const release of held.splice(0)) release();
    },
    get heldCount() {
      return held.length;
    },
    get mostWritingAtOnce() {
      return mostWritingAtOnce;
    },
    get draftWrittenTwiceAtOnce() {
      return draftWrittenTwiceAtOnce;
    },
  };
}

const write = (policyId: string, text: string, rows: Partial<DraftWrite> = {}): DraftWrite => ({
  policyId,
  update: new TextEncoder().encode(text),
  ...rows,
});

describe("the process's update log", () => {
  it("commits the updates of different drafts that arrive while a batch is written together in the next one", async () => {
    const store = fakeStore();
    const log = new UpdateLog(store.append, quiet, { retryDelayMs: fast });
    store.hold();
    const first = log.append(write("a", "a1"));
    await expect.poll(() => store.heldCount).toBe(1);
    const rest = ["b1", "c1", "a2", "b2"].map((text) => log.append(write(text[0]!, text)));
    store.releaseAll();
    expect(await Promise.all([first, ...rest])).toEqual([1, 1, 1, 2, 2]);
    // The drafts in the order they became ready to write (a's second waited for its first to be written).
    expect(store.batches).toEqual([["a1"], ["b1", "b2", "c1", "a2"]]);
  });

  it("keeps each draft's order with several batches in flight, and never writes two batches of one draft at once", async () => {
    const store = fakeStore();
    const log = new UpdateLog(store.append, quiet, { retryDelayMs: fast, batchesInFlight: 3 });
    store.hold();
    const seqs = new Map<string, Promise<number>[]>();
    for (let round = 1; round <= 5; round++) {
      for (const draft of ["a", "b", "c", "d"]) {
        const promises = seqs.get(draft) ?? [];
        promises.push(log.append(write(draft, `${draft}${round}`)));
        seqs.set(draft, promises);
      }
      // Let batches start between rounds, and let some of them end.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (round === 3) store.releaseAll();
    }
    store.releaseAll();
    for (const promises of seqs.values()) expect(await Promise.all(promises)).toEqual([1, 2, 3, 4, 5]);
    for (const draft of ["a", "b", "c", "d"]) {
      expect(store.committed.filter((text) => text.startsWith(draft))).toEqual([1, 2, 3, 4, 5].map((round) => `${draft}${round}`));
    }
    expect(store.mostWritingAtOnce).toBeGreaterThan(1);
    expect(store.mostWritingAtOnce).toBeLessThanOrEqual(3);
    expect(store.draftWrittenTwiceAtOnce).toBe(false);
  });

  it("keeps a failed batch in memory and retries it with backoff, nothing resolved before it commits, order kept", async () => {
    let failures = 3;
    const store = fakeStore(() => (failures-- > 0 ? databaseError("08006", "connection lost") : undefined));
    const errors: unknown[] = [];
    const log = new UpdateLog(store.append, { ...quiet, error: (context: unknown) => void errors.push(context) }, { retryDelayMs: fast });
    let resolvedEarly = false;
    const first = log.append(write("a", "a1")).then((seq) => {
      resolvedEarly = store.committed.length === 0;
      return seq;
    });
    const rest = [log.append(write("b", "b1")), log.append(write("a", "a2"))];
    expect(await Promise.all([first, ...rest])).toEqual([1, 1, 2]);
    expect(resolvedEarly).toBe(false);
    expect(errors).toHaveLength(3);
    expect(store.committed.filter((text) => text.startsWith("a"))).toEqual(["a1", "a2"]);
    expect(store.committed).toContain("b1");
  });

  it("splits a batch of several drafts the database refuses on its data: the other drafts commit, the refused one retries alone", async () => {
    let refusing = true;
    const store = fakeStore((writes) =>
      refusing && writes.some((one) => one.policyId === "bad") ? databaseError("23502", "null value in column") : undefined,
    );
    const log = new UpdateLog(store.append, quiet, { retryDelayMs: fast });
    store.hold();
    const warmUp = log.append(write("a", "a0"));
    await expect.poll(() => store.heldCount).toBe(1);
    const bad = log.append(write("bad", "bad1"));
    const good = [log.append(write("a", "a1")), log.append(write("b", "b1"))];
    store.releaseAll();
    expect(await Promise.all([warmUp, ...good])).toEqual([1, 2, 1]);
    // The refused draft is still retried on its own (a client's bare update is never dropped) …
    await expect.poll(() => store.batches.filter((batch) => batch.join() === "bad1").length).toBeGreaterThan(2);
    // … and holds up no other draft meanwhile.
    expect(await log.append(write("c", "c1"))).toBe(1);
    expect(store.batches.filter((batch) => batch.includes("bad1") && batch.length > 1)).toHaveLength(1);
    refusing = false;
    expect(await bad).toBe(1);
  });

  it("fails only a server-made change whose rows the database refuses, alone, and commits the updates around it", async () => {
    const refused = { occurredAt: new Date(0), actorId: null, action: "refused", subjectType: "policy", subjectId: "a", payload: {} };
    const store = fakeStore((writes) =>
      writes.some((one) => one.audit === refused) ? databaseError("P0001", "refused by a trigger") : undefined,
    );
    const log = new UpdateLog(store.append, quiet, { retryDelayMs: fast });
    store.hold();
    const warmUp = log.append(write("a", "a0"));
    await expect.poll(() => store.heldCount).toBe(1);
    const before = log.append(write("a", "a1"));
    const change = log.append(write("a", "change", { audit: refused }));
    const after = log.append(write("a", "a2"));
    const other = log.append(write("b", "b1"));
    store.releaseAll();
    await expect(change).rejects.toThrow("The database refused this change to the draft: refused by a trigger");
    expect(await Promise.all([warmUp, before, after, other])).toEqual([1, 2, 3, 1]);
    expect(store.committed).not.toContain("change");
  });

  it("closes one draft once its writes are committed, refusing its new writes, while other drafts go on", async () => {
    const store = fakeStore();
    const log = new UpdateLog(store.append, quiet, { retryDelayMs: fast });
    const a = log.forDraft("a");
    const b = log.forDraft("b");
    store.hold();
    const queued = [a.append({ update: new TextEncoder().encode("a1") }), a.append({ update: new TextEncoder().encode("a2") })];
    const closing = a.close();
    let closed = false;
    void closing.then(() => (closed = true));
    await expect.poll(() => store.heldCount).toBe(1);
    expect(closed).toBe(false);
    store.releaseAll();
    await closing;
    expect(await Promise.all(queued)).toEqual([1, 2]);
    expect(store.committed).toEqual(["a1", "a2"]);
    await expect(a.append({ update: new TextEncoder().encode("a3") })).rejects.toThrow("The update log is closed.");
    expect(await b.append({ update: new TextEncoder().encode("b1") })).toBe(1);
    // A document loaded again for the same draft gets a new, open handle.
    expect(await log.forDraft("a").append({ update: new TextEncoder().encode("a3") })).toBe(3);
  });
});
