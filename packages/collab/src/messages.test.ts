import { describe, expect, it } from "vitest";
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, parseCollabMessage } from "./messages.js";
import { CollabProtocolError } from "./protocol-error.js";

const codeOf = (bytes: number[]) => {
  try {
    parseCollabMessage(new Uint8Array(bytes));
    return null;
  } catch (error) {
    return error instanceof CollabProtocolError ? error.closeCode : "other";
  }
};

describe("parseCollabMessage", () => {
  it("round-trips every message the server and the stock provider exchange", () => {
    const payload = new Uint8Array([1, 2, 3]);
    expect(parseCollabMessage(encodeSyncStep1(payload))).toEqual({ kind: "sync-step-1", stateVector: payload });
    expect(parseCollabMessage(encodeSyncStep2(payload))).toEqual({ kind: "sync-step-2", update: payload });
    expect(parseCollabMessage(encodeSyncUpdate(payload))).toEqual({ kind: "update", update: payload });
    expect(parseCollabMessage(encodeAwarenessMessage(payload))).toEqual({ kind: "awareness", update: payload });
    expect(parseCollabMessage(new Uint8Array([3]))).toEqual({ kind: "query-awareness" });
  });

  it("reads a varint of several bytes", () => {
    const payload = new Uint8Array(300).fill(7);
    expect(parseCollabMessage(encodeSyncUpdate(payload))).toEqual({ kind: "update", update: payload });
  });

  it.each([
    ["an empty message", [], 1007],
    ["an unknown message type", [9], 1003],
    ["an auth message", [2, 0], 1003],
    ["an unknown sync type", [0, 3, 0], 1003],
    ["a truncated varint", [0, 0x80], 1007],
    ["a padded (overlong) varint", [0, 0x82, 0x00, 0], 1007],
    ["a varint of more than 8 bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1007],
    ["a length past the end", [0, 2, 5, 1], 1007],
    ["trailing bytes", [0, 2, 1, 9, 9], 1007],
  ])("refuses %s with %i", (_name, bytes, code) => {
    expect(codeOf(bytes)).toBe(code);
  });
});
