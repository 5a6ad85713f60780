import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { deletionsCovered, isSavedOnServer, SaveTracker, statusText, type DocumentProgress } from "./save-status.js";

/** A document's progress from its state vector, with nothing deleted. */
const vector = (entries: [number, number][]): DocumentProgress => ({ stateVector: new Map(entries), deleted: new Map() });
const deletions = (entries: [number, [number, number][]][]) =>
  new Map(entries.map(([client, ranges]) => [client, ranges.map(([clock, len]) => ({ clock, len }))]));
/** What a real Yjs document holds, as the editor reads it. */
const progressOf = (doc: Y.Doc): DocumentProgress => ({
  stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
  deleted: Y.createDeleteSetFromStructStore(doc.store).clients,
});

describe("isSavedOnServer", () => {
  it("is saved when the server has every client's clock at least as far", () => {
    expect(
      isSavedOnServer(
        vector([
          [1, 5],
          [2, 3],
        ]),
        vector([
          [1, 5],
          [2, 7],
        ]),
      ),
    ).toBe(true);
  });

  it("is not saved when the server lags behind for one client", () => {
    expect(
      isSavedOnServer(
        vector([
          [1, 5],
          [2, 3],
        ]),
        vector([
          [1, 4],
          [2, 3],
        ]),
      ),
    ).toBe(false);
  });

  it("is not saved when the server has never heard of a local client", () => {
    expect(isSavedOnServer(vector([[9, 1]]), vector([[1, 4]]))).toBe(false);
  });

  it("ignores clients only the server knows", () => {
    expect(
      isSavedOnServer(
        vector([[1, 2]]),
        vector([
          [1, 2],
          [3, 40],
        ]),
      ),
    ).toBe(true);
  });

  it("calls an empty local document saved", () => {
    expect(isSavedOnServer(vector([]), vector([]))).toBe(true);
  });

  it("agrees with real Yjs documents: saved once the server applied the local update", () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    local.getText("t").insert(0, "hello");
    expect(isSavedOnServer(progressOf(local), progressOf(server))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(isSavedOnServer(progressOf(local), progressOf(server))).toBe(true);
    local.destroy();
    server.destroy();
  });

  it("is not saved while a change that only deletes has not reached the server", () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    local.getText("t").insert(0, "hello world");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    // Deleting adds no operation: the state vectors stay equal, only the delete sets differ.
    local.getText("t").delete(5, 6);
    expect(Y.encodeStateVector(local)).toEqual(Y.encodeStateVector(server));
    expect(isSavedOnServer(progressOf(local), progressOf(server))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(isSavedOnServer(progressOf(local), progressOf(server))).toBe(true);
    // The server's delete set as the API sends it: an update with no content, only deletions.
    const committed = Y.encodeStateAsUpdate(server);
    const deleteSetOnly = Y.diffUpdate(committed, Y.encodeStateVectorFromUpdate(committed));
    const sent = { stateVector: progressOf(server).stateVector, deleted: Y.decodeUpdate(deleteSetOnly).ds.clients };
    expect(isSavedOnServer(progressOf(local), sent)).toBe(true);
    local.destroy();
    server.destroy();
  });
});

describe("deletionsCovered", () => {
  it("accepts local ranges inside the server's, also when the server's come split or unsorted", () => {
    expect(
      deletionsCovered(
        deletions([[1, [[3, 4]]]]),
        deletions([
          [
            1,
            [
              [5, 5],
              [0, 5],
            ],
          ],
        ]),
      ),
    ).toBe(true);
  });

  it("refuses a local range the server has only partly deleted", () => {
    expect(deletionsCovered(deletions([[1, [[3, 4]]]]), deletions([[1, [[0, 5]]]]))).toBe(false);
  });

  it("refuses deletions of a client the server has deleted nothing of", () => {
    expect(deletionsCovered(deletions([[2, [[0, 1]]]]), deletions([[1, [[0, 9]]]]))).toBe(false);
  });

  it("ignores what only the server has deleted", () => {
    expect(deletionsCovered(deletions([]), deletions([[1, [[0, 9]]]]))).toBe(true);
  });
});

describe("statusText", () => {
  it("says offline whenever an editor is not connected, whatever was saved", () => {
    expect(statusText({ readOnly: false, connection: "offline", saved: true })).toBe("Offline — your changes will sync");
    expect(statusText({ readOnly: false, connection: "offline", saved: false })).toBe("Offline — your changes will sync");
  });

  it("says Saved or Saving… while connected", () => {
    expect(statusText({ readOnly: false, connection: "connected", saved: true })).toBe("Saved");
    expect(statusText({ readOnly: false, connection: "connected", saved: false })).toBe("Saving…");
    expect(statusText({ readOnly: false, connection: "connected", saved: null })).toBe("Saving…");
  });

  it("never promises a reader that their changes will sync", () => {
    expect(statusText({ readOnly: true, connection: "offline", saved: null })).toBe("Offline — reconnecting");
    expect(statusText({ readOnly: true, connection: "connected", saved: null })).toMatch(/^Read only/);
  });
});

describe("SaveTracker", () => {
  let local: Map<number, number>;
  let server: Map<number, number>;
  let fetches: number;
  let changes: (boolean | null)[];
  let tracker: SaveTracker;

  beforeEach(() => {
    vi.useFakeTimers();
    local = new Map();
    server = new Map();
    fetches = 0;
    changes = [];
    tracker = new SaveTracker({
      localProgress: () => ({ stateVector: new Map(local), deleted: new Map() }),
      fetchServerProgress: async () => {
        fetches++;
        return { stateVector: new Map(server), deleted: new Map() };
      },
      onChange: (saved) => changes.push(saved),
    });
  });

  afterEach(() => {
    tracker.destroy();
    vi.useRealTimers();
  });

  it("asks the server once, 400 ms after the last of a burst of changes", async () => {
    tracker.setOnline(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(fetches).toBe(1);
    local.set(1, 3);
    server.set(1, 3);
    tracker.localChange();
    await vi.advanceTimersByTimeAsync(300);
    tracker.localChange();
    await vi.advanceTimersByTimeAsync(300);
    expect(fetches).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetches).toBe(2);
    expect(tracker.saved).toBe(true);
  });

  it("polls every 1.5 s while the server lags, then stops once saved", async () => {
    tracker.setOnline(true);
    local.set(1, 5);
    tracker.localChange();
    await vi.advanceTimersByTimeAsync(400);
    expect(fetches).toBe(1);
    expect(tracker.saved).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(fetches).toBe(2);
    server.set(1, 5);
    await vi.advanceTimersByTimeAsync(1500);
    expect(fetches).toBe(3);
    expect(tracker.saved).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetches).toBe(3);
    expect(changes).toEqual([false, true]);
  });

  it("does not ask while offline, and asks again as soon as the connection is back", async () => {
    local.set(1, 2);
    tracker.localChange();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetches).toBe(0);
    expect(tracker.saved).toBe(false);
    server.set(1, 2);
    tracker.setOnline(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(fetches).toBe(1);
    expect(tracker.saved).toBe(true);
  });

  it("keeps polling when a request fails, without claiming anything", async () => {
    let failing = true;
    tracker = new SaveTracker({
      localProgress: () => ({ stateVector: new Map(local), deleted: new Map() }),
      fetchServerProgress: async () => {
        fetches++;
        if (failing) throw new Error("network");
        return { stateVector: new Map(server), deleted: new Map() };
      },
      onChange: (saved) => changes.push(saved),
    });
    tracker.setOnline(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(tracker.saved).toBe(null);
    failing = false;
    await vi.advanceTimersByTimeAsync(1500);
    expect(fetches).toBe(2);
    expect(tracker.saved).toBe(true);
  });

  it("stops every timer when destroyed", async () => {
    tracker.setOnline(true);
    tracker.localChange();
    tracker.destroy();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetches).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
