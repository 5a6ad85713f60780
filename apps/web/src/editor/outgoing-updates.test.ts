import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { OutgoingUpdateBatch, suggestionBatchMs } from "./outgoing-updates.js";

/** A document whose every local update goes into `batch`, as a suggest-only member's editor does. */
function typist(batch: OutgoingUpdateBatch): Y.Doc {
  const doc = new Y.Doc();
  doc.on("update", (update: Uint8Array) => batch.add(update));
  return doc;
}

/** Types `text` one character per transaction, as a person at the keyboard does. */
function typeCharacters(doc: Y.Doc, text: string): void {
  const draft = doc.getText("draft");
  for (const character of text) draft.insert(draft.length, character);
}

/** What another document holds after applying `updates`. */
function received(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("draft").toString();
}

describe("OutgoingUpdateBatch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends a typed sentence as one merged update when the wait ends, not one per keystroke", () => {
    const sent: Uint8Array[] = [];
    const doc = typist(new OutgoingUpdateBatch((update) => sent.push(update)));
    typeCharacters(doc, " Recordings never replace community oversight.");
    vi.advanceTimersByTime(suggestionBatchMs - 1);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);
    expect(received(sent)).toBe(" Recordings never replace community oversight.");
  });

  it("starts a new batch with the first change after a send, so slow typing still goes out", () => {
    const sent: Uint8Array[] = [];
    const doc = typist(new OutgoingUpdateBatch((update) => sent.push(update)));
    typeCharacters(doc, "One");
    vi.advanceTimersByTime(suggestionBatchMs);
    vi.advanceTimersByTime(10 * suggestionBatchMs);
    expect(sent).toHaveLength(1);
    typeCharacters(doc, " two");
    vi.advanceTimersByTime(suggestionBatchMs);
    expect(sent).toHaveLength(2);
    expect(received(sent)).toBe("One two");
  });

  it("sends at most one update per interval however fast the changes come", () => {
    const sent: Uint8Array[] = [];
    const doc = typist(new OutgoingUpdateBatch((update) => sent.push(update)));
    // A character every 20 ms for two seconds.
    for (let tick = 0; tick < 100; tick++) {
      typeCharacters(doc, "x");
      vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(suggestionBatchMs);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(2000 / suggestionBatchMs) + 1);
    expect(received(sent)).toBe("x".repeat(100));
  });

  it("sends what waits at once on flush, and nothing on discard", () => {
    const sent: Uint8Array[] = [];
    const batch = new OutgoingUpdateBatch((update) => sent.push(update));
    const doc = typist(batch);
    typeCharacters(doc, "kept");
    batch.flush();
    expect(received(sent)).toBe("kept");
    typeCharacters(doc, " dropped");
    batch.discard();
    vi.advanceTimersByTime(10 * suggestionBatchMs);
    expect(sent).toHaveLength(1);
    batch.flush();
    expect(sent).toHaveLength(1);
  });
});
