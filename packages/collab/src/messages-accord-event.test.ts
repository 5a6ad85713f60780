import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { accordEventMessageType, decodeAccordEvent, encodeAccordEvent, encodeSyncUpdate, parseCollabMessage } from "./messages.js";
import { parseAccordEvent } from "./accord-events.js";
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

  it("carries who decided how many suggestions, and which way", () => {
    const decided = { kind: "suggestions-decided", decision: "accepted", count: 3, decidedBy: "Priya Natarajan" } as const;
    expect(decodeAccordEvent(encodeAccordEvent(decided))).toEqual(decided);
    expect(parseAccordEvent(JSON.stringify({ ...decided, decision: "rejected" }))).toEqual({ ...decided, decision: "rejected" });
    expect(parseAccordEvent(JSON.stringify({ ...decided, decision: "maybe" }))).toBeNull();
    expect(parseAccordEvent(JSON.stringify({ ...decided, count: 0 }))).toBeNull();
    expect(parseAccordEvent(JSON.stringify({ ...decided, count: 1.5 }))).toBeNull();
    expect(parseAccordEvent(JSON.stringify({ ...decided, decidedBy: 7 }))).toBeNull();
  });

  it("carries each workflow step with its version and who took it, and nothing else", () => {
    for (const step of ["proposed", "sent-to-bodies", "changes-requested", "approved", "published"] as const) {
      const event = { kind: "workflow-step", step, versionNumber: 2, by: "Dana Facilitator" } as const;
      expect(decodeAccordEvent(encodeAccordEvent(event))).toEqual(event);
    }
    const event = { kind: "workflow-step", step: "published", versionNumber: 2, by: "Dana Facilitator" };
    expect(parseAccordEvent(JSON.stringify({ ...event, step: "deleted" }))).toBeNull();
    expect(parseAccordEvent(JSON.stringify({ ...event, versionNumber: -1 }))).toBeNull();
    expect(parseAccordEvent(JSON.stringify({ ...event, by: null }))).toBeNull();
    expect(parseAccordEvent("[]")).toBeNull();
    expect(parseAccordEvent("null")).toBeNull();
  });

  it("is refused from a client like any message type the protocol does not have", () => {
    expect(() => parseCollabMessage(encodeAccordEvent({ kind: "comments-changed", threadId }))).toThrow(CollabProtocolError);
  });
});
