import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { messageAccordEvent, readAccordEvent } from "./collab-connection.js";

/** The bytes the server sends after the message type: a varString of JSON. */
function eventDecoder(json: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAccordEvent);
  encoding.writeVarString(encoder, json);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  expect(decoding.readVarUint(decoder)).toBe(100);
  return decoder;
}

describe("readAccordEvent", () => {
  it("reads a comments-changed event with its thread", () => {
    expect(readAccordEvent(eventDecoder('{"kind":"comments-changed","threadId":"t-1"}'))).toEqual({
      kind: "comments-changed",
      threadId: "t-1",
    });
  });

  it("reads who restored which version, and the version that keeps the draft as it was", () => {
    expect(
      readAccordEvent(
        eventDecoder('{"kind":"version-restored","versionNumber":1,"restoredBy":"Sgt. Marcus Reyes","savedVersionNumber":4}'),
      ),
    ).toEqual({ kind: "version-restored", versionNumber: 1, restoredBy: "Sgt. Marcus Reyes", savedVersionNumber: 4 });
    expect(
      readAccordEvent(eventDecoder('{"kind":"version-restored","versionNumber":2,"restoredBy":"A","savedVersionNumber":null}')),
    ).toEqual({ kind: "version-restored", versionNumber: 2, restoredBy: "A", savedVersionNumber: null });
  });

  it("reads decisions on suggestions and workflow steps, as the server sends them", () => {
    expect(readAccordEvent(eventDecoder('{"kind":"suggestions-decided","decision":"rejected","count":2,"decidedBy":"A"}'))).toEqual({
      kind: "suggestions-decided",
      decision: "rejected",
      count: 2,
      decidedBy: "A",
    });
    expect(readAccordEvent(eventDecoder('{"kind":"workflow-step","step":"published","versionNumber":3,"by":"B"}'))).toEqual({
      kind: "workflow-step",
      step: "published",
      versionNumber: 3,
      by: "B",
    });
  });

  it("ignores an unknown kind, mistyped fields, and what is not an event object, instead of breaking the connection", () => {
    expect(readAccordEvent(eventDecoder('{"kind":"something-new"}'))).toBeNull();
    expect(
      readAccordEvent(eventDecoder('{"kind":"version-restored","versionNumber":"2","restoredBy":"A","savedVersionNumber":null}')),
    ).toBeNull();
    expect(readAccordEvent(eventDecoder("not json"))).toBeNull();
    expect(readAccordEvent(eventDecoder('["comments-changed"]'))).toBeNull();
    expect(readAccordEvent(eventDecoder('{"threadId":"t-1"}'))).toBeNull();
    expect(readAccordEvent(decoding.createDecoder(new Uint8Array([0xff])))).toBeNull();
  });
});
