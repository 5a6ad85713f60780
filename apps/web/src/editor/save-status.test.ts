import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { isSavedOnServer, SaveTracker, statusText, type StateVector } from "./save-status.js";

const vector = (entries: [number, number][]): StateVector => new Map(entries);

describe("isSavedOnServer", () => {
  it("is saved when the server has every client's clock at least as far", () => {
    expect(isSavedOnServer(vector([[1, 5], [2, 3]]), vector([[1, 5], [2, 7]]))).toBe(true);
  });

  it("is not saved when the server lags behind for one client", () => {
    expect(isSavedOnServer(vector([[1, 5], [2, 3]]), vector([[1, 4], [2, 3]]))).toBe(false);
  });

  it("is not saved when the server has never heard of a local client", () => {
    expect(isSavedOnServer(vector([[9, 1]]), vector([[1, 4]]))).toBe(false);
  });

  it("ignores clients only the server knows", () => {
    expect(isSavedOnServer(vector([[1, 2]]), vector([[1, 2], [3, 40]]))).toBe(true);
  });

  it("calls an empty local document saved", () => {
    expect(isSavedOnServer(vector([]), vector([]))).toBe(true);
  });

  it("agrees with real Yjs documents: saved once the server applied the local update", () => {
    const local = new Y.Doc();
    const server = new Y.Doc();
    local.getText("t").insert(0, "hello");
    const localVector = () => Y.decodeStateVector(Y.encodeStateVector(local));
    const serverVector = () => Y.decodeStateVector(Y.encodeStateVector(server));
    expect(isSavedOnServer(localVector(), serverVector())).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(isSavedOnServer(localVector(), serverVector())).toBe(true);
    local.destroy();
    server.destroy();
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
      localStateVector: () => new Map(local),
      fetchServerStateVector: async () => {
        fetches++;
        return new Map(server);
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
      localStateVector: () => new Map(local),
      fetchServerStateVector: async () => {
        fetches++;
        if (failing) throw new Error("network");
        return new Map(server);
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
