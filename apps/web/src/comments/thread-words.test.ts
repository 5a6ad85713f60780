import { describe, expect, it } from "vitest";
import { threadWords } from "./thread-words.js";

describe("threadWords", () => {
  it("shows the words as the live draft holds them, with the original quote once they were retyped", () => {
    const thread = { quote: "kept for thirty days", originalQuote: "kept for thirty days" };
    expect(threadWords(thread, "kept for sixty days")).toEqual({ now: "kept for sixty days", originally: "kept for thirty days" });
  });

  it("takes the server's words now when the editor has not placed the thread", () => {
    const thread = { quote: "kept for sixty days", originalQuote: "kept for thirty days" };
    expect(threadWords(thread, null)).toEqual({ now: "kept for sixty days", originally: "kept for thirty days" });
  });

  it("says nothing of an original that differs only in spaces and line breaks", () => {
    const thread = { quote: " kept for\nthirty days", originalQuote: " kept for\nthirty days" };
    expect(threadWords(thread, "kept for thirty days")).toEqual({ now: "kept for thirty days", originally: null });
  });

  it("keeps the quote for a thread on deleted text, without an 'originally'", () => {
    const thread = { quote: "mute audio", originalQuote: "mute audio" };
    expect(threadWords(thread, null)).toEqual({ now: "mute audio", originally: null });
    expect(threadWords(thread, "")).toEqual({ now: "mute audio", originally: null });
  });
});
