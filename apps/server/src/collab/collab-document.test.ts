import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, parseCollabMessage } from "@accord/collab";
import { eventually } from "@accord/test-support/collab-clients.js";
import type { DraftStore, DraftWrite, StoredDraft } from "../storage/drafts.js";
import { CollabDocument, type DocumentPeer } from "./collab-document.js";
import type { CollabLog } from "./update-log.js";

const quiet: CollabLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const policyId = "policy-1";
const audit = {
  occurredAt: new Date("2026-11-27T12:00:00.000Z"),
  actorId: null,
  action: "test.change",
  subjectType: "policy",
  subjectId: policyId,
  payload: {},
};

/** A PostgreSQL error as pg and PGlite raise it: a message and its SQLSTATE in `code`. */
const databaseError = (code: string, message: string) => Object.assign(new Error(message), { code });

/**
 * A draft store in memory, with the handles a test needs: appends may wait at a gate or fail, and every
 * batch and compaction is recorded.
 */
class MemoryDraftStore implements DraftStore {
  state = Y.encodeStateAsUpdate(new Y.Doc());
  compactedSeq = 0;
  updates: { seq: number; update: Uint8Array }[] = [];
  /** The sizes of the batches appended, tried or not. */
  readonly batches: number[] = [];
  readonly compactions: number[] = [];
  /** While set, appends (or compactions) wait for it. */
  private readonly gates: { append: Promise<void> | null; compact: Promise<void> | null } = { append: null, compact: null };
  /** Decides whether an append fails, before anything of it is stored. */
  refuse: (writes: readonly DraftWrite[]) => Error | null = () => null;
  private nextSeq = 1;

  async load(): Promise<StoredDraft> {
    return { state: this.state, compactedSeq: this.compactedSeq, updates: [...this.updates] };
  }

  async append(writes: readonly DraftWrite[]): Promise<number[]> {
    this.batches.push(writes.length);
    if (this.gates.append) await this.gates.append;
    const refusal = this.refuse(writes);
    if (refusal) throw refusal;
    return writes.map(({ update }) => {
      const seq = this.nextSeq++;
      this.updates.push({ seq, update });
      return seq;
    });
  }

  async compact(_policyId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactions.push(throughSeq);
    if (this.gates.compact) await this.gates.compact;
    this.state = state;
    this.compactedSeq = throughSeq;
    this.updates = this.updates.filter((row) => row.seq > throughSeq);
  }

  async updatesAfter(_policyId: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[] | undefined> {
    return this.compactedSeq > afterSeq ? undefined : this.updates.filter((row) => row.seq > afterSeq);
  }

  async latestSeqs(policyIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(policyIds.map((policyId) => [policyId, this.updates.at(-1)?.seq ?? this.compactedSeq]));
  }

  /** Holds every append (or compaction) until the returned function is called. */
  hold(kind: "append" | "compact" = "append"): () => void {
    let release = () => undefined as void;
    this.gates[kind] = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gates[kind] = null;
      release();
    };
  }
}

/** A connection as the document sees it, recording what it is sent. */
function peer(id: number): DocumentPeer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { id, received, send: (message) => received.push(message) };
}

/** A client's document and its edits, each one Yjs update. */
function client() {
  const doc = new Y.Doc();
  return {
    edit(text: string): Uint8Array {
      const before = Y.encodeStateVector(doc);
      doc.getArray<string>("lines").push([text]);
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

const linesOf = (document: CollabDocument) => document.ydoc.getArray<string>("lines").toArray();

async function open(store: MemoryDraftStore, compactAfterUpdates = 1000) {
  const document = new CollabDocument(policyId, await store.load(), {
    store,
    log: quiet,
    compactAfterUpdates,
    retryDelayMs: { first: 1, max: 1 },
  });
  const author = peer(1);
  const reader = peer(2);
  document.peers.add(author);
  document.peers.add(reader);
  return { document, author, reader };
}

describe("a collaborative document, the one owner of its update path", () => {
  it("applies and relays nothing before the store has committed the update, then relays it to all but its author", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    const release = store.hold();
    const update = client().edit("held until committed");

    const committing = document.commit(update, author);
    await eventually(() => store.batches.length === 1, "the update is handed to the store");
    expect([...document.inFlight]).toEqual([update]);
    expect(linesOf(document)).toEqual([]);
    expect(reader.received).toEqual([]);

    release();
    expect(await committing).toBe(1);
    expect(linesOf(document)).toEqual(["held until committed"]);
    expect(reader.received).toEqual([encodeSyncUpdate(update)]);
    expect(author.received).toEqual([]);
    expect(document.inFlight.size).toBe(0);
    expect(document.appliedSeq).toBe(1);
  });

  it("keeps a failed write in memory, retries it, and relays it once, only after it is committed", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    let failuresLeft = 2;
    store.refuse = () => (failuresLeft-- > 0 ? new Error("database unavailable") : null);
    const relayedBeforeCommit: number[] = [];
    const originalAppend = store.append.bind(store);
    store.append = async (writes) => {
      relayedBeforeCommit.push(reader.received.length);
      return originalAppend(writes);
    };

    const seq = await document.commit(client().edit("written through failures"), author);

    expect(store.batches).toEqual([1, 1, 1]);
    expect(relayedBeforeCommit).toEqual([0, 0, 0]);
    expect(seq).toBe(1);
    expect(store.updates.map((row) => row.seq)).toEqual([1]);
    expect(reader.received).toHaveLength(1);
    expect(linesOf(document)).toEqual(["written through failures"]);
  });

  it("commits the updates that arrive during a write together in the next one, in arrival order", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    const writer = client();
    const release = store.hold();
    const first = document.commit(writer.edit("one"), author);
    await eventually(() => store.batches.length === 1, "the first write is in flight");
    const next = [document.commit(writer.edit("two"), author), document.commit(writer.edit("three"), null)];
    expect(document.inFlight.size).toBe(3);

    release();
    expect(await Promise.all([first, ...next])).toEqual([1, 2, 3]);
    expect(store.batches).toEqual([1, 2]);
    expect(linesOf(document)).toEqual(["one", "two", "three"]);
    expect(reader.received).toHaveLength(3);
    // The server's own change (origin null) goes to its author's socket too.
    expect(author.received).toHaveLength(1);
  });

  it("fails only a server-made change whose rows the store refuses, applying and relaying nothing of it", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    const writer = client();
    store.refuse = (writes) => (writes.some((write) => write.audit) ? databaseError("23514", "new row violates check constraint") : null);
    const release = store.hold();
    const before = document.commit(writer.edit("before"), author);
    await eventually(() => store.batches.length === 1, "the first write is in flight");
    const refused = document.commit(client().edit("refused"), null, { audit });
    const after = document.commit(writer.edit("after"), author);

    release();
    await expect(refused).rejects.toThrow(/refused this change/);
    expect(await Promise.all([before, after])).toEqual([1, 2]);
    // Tried with the update after it, then alone; never again.
    expect(store.batches).toEqual([1, 2, 1, 1]);
    expect(linesOf(document)).toEqual(["before", "after"]);
    expect(reader.received).toHaveLength(2);
    expect(document.inFlight.size).toBe(0);
  });

  it("compacts by itself, once at a time, when enough committed updates have gathered, through the last one applied", async () => {
    const store = new MemoryDraftStore();
    const { document, author } = await open(store, 3);
    const writer = client();
    await document.commit(writer.edit("one"), author);
    await document.commit(writer.edit("two"), author);
    expect(store.compactions).toEqual([]);

    // The third update is due a compaction; while it runs, two more commit and start none of their own.
    const release = store.hold("compact");
    await document.commit(writer.edit("three"), author);
    expect(store.compactions).toEqual([3]);
    await document.commit(writer.edit("four"), author);
    await document.commit(writer.edit("five"), author);
    release();
    await document.compact();
    expect(store.compactions).toEqual([3]);
    expect(store.compactedSeq).toBe(3);
    expect(store.updates.map((row) => row.seq)).toEqual([4, 5]);

    // What came after it counts towards the next one.
    await document.commit(writer.edit("six"), author);
    await eventually(() => store.compactedSeq === 6, "the next compaction has run");
    expect(store.compactions).toEqual([3, 6]);
    expect(store.updates).toEqual([]);
    const reloaded = new CollabDocument(policyId, await store.load(), { store, log: quiet, compactAfterUpdates: 3 });
    expect(linesOf(reloaded)).toEqual(["one", "two", "three", "four", "five", "six"]);
    expect(reloaded.appliedSeq).toBe(6);
  });

  it("commits and applies what is queued when writes close, then refuses new updates", async () => {
    const store = new MemoryDraftStore();
    const { document, author } = await open(store);
    const release = store.hold();
    const queued = document.commit(client().edit("queued at shutdown"), author);
    const closing = document.closeWrites();
    release();
    await closing;
    expect(await queued).toBe(1);
    expect(linesOf(document)).toEqual(["queued at shutdown"]);
    await expect(document.commit(client().edit("too late"), author)).rejects.toThrow("The update log is closed.");
    expect(store.updates).toHaveLength(1);
  });
});

describe("what a client is sent when it joins", () => {
  const emptyStateVector = Y.encodeStateVector(new Y.Doc());

  it("makes the server's step 1 and a new client's whole state once per state of the draft, and again after a change", async () => {
    const store = new MemoryDraftStore();
    const { document, author } = await open(store);
    await document.commit(client().edit("first line"), author);
    const step1 = document.syncStep1Message();
    const wholeState = document.syncStep2MessageFor(emptyStateVector);
    expect(step1).toEqual(encodeSyncStep1(Y.encodeStateVector(document.ydoc)));
    expect(wholeState).toEqual(encodeSyncStep2(Y.encodeStateAsUpdate(document.ydoc)));
    // The same bytes for the next new client: made once.
    expect(document.syncStep1Message()).toBe(step1);
    expect(document.syncStep2MessageFor(emptyStateVector)).toBe(wholeState);

    await document.commit(client().edit("second line"), author);
    const after = document.syncStep2MessageFor(emptyStateVector);
    expect(after).not.toBe(wholeState);
    expect(document.syncStep1Message()).toEqual(encodeSyncStep1(Y.encodeStateVector(document.ydoc)));
    const joined = new Y.Doc();
    const message = parseCollabMessage(after);
    if (message.kind !== "sync-step-2") throw new Error(`a sync step 2 was expected, not ${message.kind}`);
    Y.applyUpdate(joined, message.update);
    expect(joined.getArray<string>("lines").toArray()).toEqual(linesOf(document));
  });

  it("answers a client that has part of the draft with only what it lacks", async () => {
    const store = new MemoryDraftStore();
    const { document, author } = await open(store);
    const writer = client();
    await document.commit(writer.edit("known"), author);
    const known = new Y.Doc();
    Y.applyUpdate(known, Y.encodeStateAsUpdate(document.ydoc));
    await document.commit(writer.edit("new"), author);
    const answer = document.syncStep2MessageFor(Y.encodeStateVector(known));
    expect(answer).toEqual(encodeSyncStep2(Y.encodeStateAsUpdate(document.ydoc, Y.encodeStateVector(known))));
    expect(answer).not.toEqual(document.syncStep2MessageFor(emptyStateVector));
  });
});

describe("a document that other processes write too", () => {
  it("applies their committed updates in sequence order, drops what it has, and reads a hole from the store", async () => {
    const store = new MemoryDraftStore();
    const { document, reader } = await open(store);
    const elsewhere = client();
    // Another process commits three updates; this one hears the third, then the first, never the second.
    const updates = ["one", "two", "three"].map((text) => elsewhere.edit(text));
    const seqs = await store.append(updates.map((update) => ({ policyId, update })));
    expect(seqs).toEqual([1, 2, 3]);
    document.receiveCommitted(3, updates[2]!);
    expect(linesOf(document)).toEqual([]);
    document.receiveCommitted(1, updates[0]!);
    document.receiveCommitted(1, updates[0]!);
    expect(linesOf(document)).toEqual(["one"]);
    // The hole (2) is read from the store; then 3 follows in its turn.
    await eventually(() => document.appliedSeq === 3, "the hole is filled from the store");
    expect(linesOf(document)).toEqual(["one", "two", "three"]);
    expect(reader.received).toHaveLength(3);
  });

  it("applies and relays its own commit at once, ahead of one another process committed before it, then reads that one", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    const theirs = client().edit("theirs first");
    await store.append([{ policyId, update: theirs }]);
    const ours = client().edit("ours second");
    // Seq 2 is committed: it is applied and relayed without waiting for seq 1, which nothing relays here.
    expect(await document.commit(ours, author)).toBe(2);
    expect(linesOf(document)).toEqual(["ours second"]);
    expect(reader.received).toHaveLength(1);
    // appliedSeq still says "everything up to here": 0 until seq 1 is read from the store.
    expect(document.appliedSeq).toBe(0);
    await eventually(() => document.appliedSeq === 2, "the hole before this process's own commit is read from the store");
    expect(linesOf(document).sort()).toEqual(["ours second", "theirs first"]);
    expect(reader.received).toHaveLength(2);
  });

  it("passes over its own commits applied ahead once the numbers before them are heard, and drops them heard again", async () => {
    const store = new MemoryDraftStore();
    const { document, author, reader } = await open(store);
    const elsewhere = client();
    const theirs = [elsewhere.edit("theirs one"), elsewhere.edit("theirs two")];
    await store.append(theirs.map((update) => ({ policyId, update })));
    const ours = client().edit("ours three");
    expect(await document.commit(ours, author)).toBe(3);
    document.receiveCommitted(2, theirs[1]!);
    expect(document.appliedSeq).toBe(0);
    document.receiveCommitted(1, theirs[0]!);
    // 1, then 2 waiting, then 3 already here: everything up to 3.
    expect(document.appliedSeq).toBe(3);
    document.receiveCommitted(3, ours);
    expect(linesOf(document).sort()).toEqual(["ours three", "theirs one", "theirs two"]);
    expect(reader.received).toHaveLength(3);
  });

  it("catches up from the snapshot when another process compacted what it missed", async () => {
    const store = new MemoryDraftStore();
    const { document } = await open(store);
    const elsewhere = new Y.Doc();
    const updates: Uint8Array[] = [];
    elsewhere.on("update", (update: Uint8Array) => updates.push(update));
    for (const text of ["a", "b", "c"]) elsewhere.getArray<string>("lines").push([text]);
    await store.append(updates.map((update) => ({ policyId, update })));
    await store.compact(policyId, Y.encodeStateAsUpdate(elsewhere), 3);
    await document.catchUp();
    expect(linesOf(document)).toEqual(["a", "b", "c"]);
    expect(document.appliedSeq).toBe(3);
  });
});
