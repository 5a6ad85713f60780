import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { accordEventMessageType, decodeAccordEvent, encodeAccordEvent, encodeSyncUpdate, parseCollabMessage } from "./messages.js";
import { CollabProtocolError } from "./protocol-error.js";

const threadId = "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";

/** A message of type 100 carrying the given text, as a server (or a hostile client) might frame it. */
function typed(text: string, trailing: number[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, accordEventMessageType);
  encoding.writeVarString(encoder, text);
  for (const byte of trailing) encoding.writeUint8(encoder, byte);
  return encoding.toUint8Array(encoder);
}

describe("Accord events (message type 100)", () => {
  it("frames an event as varUint 100 and a varString of its JSON, and reads it back", () => {
    const bytes = encodeAccordEvent({ kind: "comments-changed", threadId });
    expect(bytes[0]).toBe(100);
    expect(bytes).toEqual(typed(JSON.stringify({ kind: "comments-changed", threadId })));
    expect(decodeAccordEvent(bytes)).toEqual({ kind: "comments-changed", threadId });
  });

  it("reads nothing from other messages, unknown kinds, bad JSON or trailing bytes", () => {
    expect(decodeAccordEvent(encodeSyncUpdate(new Uint8Array([1, 2])))).toBeNull();
    expect(decodeAccordEvent(typed(JSON.stringify({ kind: "something-else", threadId })))).toBeNull();
    expect(decodeAccordEvent(typed(JSON.stringify({ kind: "comments-changed" })))).toBeNull();
    expect(decodeAccordEvent(typed("{not json"))).toBeNull();
    expect(decodeAccordEvent(typed(JSON.stringify({ kind: "comments-changed", threadId }), [0]))).toBeNull();
  });

  it("carries who restored which version, and the version that keeps the draft as it was", () => {
    const restored = { kind: "version-restored", versionNumber: 1, restoredBy: "Olivia Officer", savedVersionNumber: 4 } as const;
    expect(decodeAccordEvent(encodeAccordEvent(restored))).toEqual(restored);
    expect(decodeAccordEvent(encodeAccordEvent({ ...restored, savedVersionNumber: null }))).toEqual({
      ...restored,
      savedVersionNumber: null,
    });
    expect(decodeAccordEvent(typed(JSON.stringify({ ...restored, versionNumber: "1" })))).toBeNull();
    expect(decodeAccordEvent(typed(JSON.stringify({ ...restored, savedVersionNumber: 0 })))).toBeNull();
    expect(decodeAccordEvent(typed(JSON.stringify({ kind: "version-restored", versionNumber: 1, savedVersionNumber: null })))).toBeNull();
  });

  it("is refused from a client like any message type the protocol does not have", () => {
    expect(() => parseCollabMessage(encodeAccordEvent({ kind: "comments-changed", threadId }))).toThrow(CollabProtocolError);
  });
});
