import { describe, expect, it } from "vitest";
import { readVersionInput } from "./version-input.js";

describe("readVersionInput", () => {
  it("sends a trimmed label and leaves an empty note out", () => {
    expect(readVersionInput("  Before my change ", "  ")).toEqual({ ok: true, input: { label: "Before my change" } });
  });

  it("sends a trimmed note when there is one", () => {
    expect(readVersionInput("Board draft", " For the March meeting. ")).toEqual({
      ok: true,
      input: { label: "Board draft", note: "For the March meeting." },
    });
  });

  it("refuses a label of spaces only, in words", () => {
    expect(readVersionInput("   ", "")).toMatchObject({ ok: false, field: "label", problem: expect.stringContaining("label") });
  });

  it("refuses a label over 120 characters and a note over 2000", () => {
    expect(readVersionInput("x".repeat(120), "")).toMatchObject({ ok: true });
    expect(readVersionInput("x".repeat(121), "")).toMatchObject({ ok: false, field: "label", problem: expect.stringContaining("121") });
    expect(readVersionInput("Label", "y".repeat(2001))).toMatchObject({
      ok: false,
      field: "note",
      problem: expect.stringContaining("2001"),
    });
  });
});
