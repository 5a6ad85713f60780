import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { guardAwarenessUpdate, type AwarenessOwner } from "./awareness-guard.js";
import { presenceFor } from "./presence.js";
import { CollabProtocolError } from "./protocol-error.js";
import { StrictDecoder } from "./strict-decoding.js";
import { TokenBucket } from "./rate-limiter.js";

function awarenessUpdate(entries: [number, number, unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function decode(update: Uint8Array): [number, number, unknown][] {
  const decoder = new StrictDecoder(update);
  const entries: [number, number, unknown][] = [];
  for (let count = decoder.readVarUint(); count > 0; count--) {
    entries.push([decoder.readVarUint(), decoder.readVarUint(), JSON.parse(decoder.readVarString())]);
  }
  return entries;
}

const presence = presenceFor({ id: "u1", displayName: "Priya Natarajan" }, "citizen");
const guard = (update: Uint8Array, owners: Record<number, AwarenessOwner> = {}) =>
  guardAwarenessUpdate(update, { presence, ownerOf: (id) => owners[id] ?? "none", maxStateBytes: 200, maxEntries: 2 });

describe("guardAwarenessUpdate", () => {
  it("claims a new client id and replaces the user with the session's presence", () => {
    const guarded = guard(awarenessUpdate([[7, 1, { user: { name: "Chief" }, cursor: { anchor: 3 } }]]));
    expect(guarded.claimed).toEqual([7]);
    expect(decode(guarded.update!)).toEqual([
      [7, 1, { user: { userId: "u1", name: "Priya Natarajan", affiliation: "citizen", color: "#047857" }, cursor: { anchor: 3 } }],
    ]);
  });

  it("drops changes to a client id another connection holds, including clearing it", () => {
    const guarded = guard(
      awarenessUpdate([
        [8, 2, null],
        [9, 2, { cursor: null }],
      ]),
      { 8: "other", 9: "other" },
    );
    expect(guarded).toEqual({ update: null, claimed: [], released: [], dropped: 2 });
  });

  it("lets a connection clear its own state", () => {
    const guarded = guard(awarenessUpdate([[7, 3, null]]), { 7: "self" });
    expect(guarded.released).toEqual([7]);
    expect(decode(guarded.update!)).toEqual([[7, 3, null]]);
  });

  it.each([
    ["a state over the size limit", awarenessUpdate([[7, 1, { pad: "x".repeat(300) }]]), 1009],
    [
      "too many entries",
      awarenessUpdate([
        [1, 1, {}],
        [2, 1, {}],
        [3, 1, {}],
      ]),
      1009,
    ],
    ["a state that is not an object", awarenessUpdate([[7, 1, [1, 2]]]), 1007],
    ["a truncated update", new Uint8Array([1, 7]), 1007],
  ])("refuses %s", (_name, update, code) => {
    expect(() => guard(update)).toThrowError(expect.objectContaining({ closeCode: code }));
    expect(() => guard(update)).toThrow(CollabProtocolError);
  });
});

describe("TokenBucket", () => {
  it("allows a burst, refuses beyond it, and refills over time", () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([true, true, true, false]);
    expect(bucket.take(1, 1000)).toBe(true);
    expect(bucket.take(1, 1000)).toBe(false);
  });
});
