import { policySchema } from "@accord/policy-schema";
import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { markEditRefused, pastedTextAsInline, setSuggestionMode, suggestionModeOf, suggestionModePlugin } from "./suggestion-mode.js";
import { doc, paragraph, text } from "./suggestion-test-documents.js";

function stateWith(locked: boolean): EditorState {
  return EditorState.create({
    schema: policySchema,
    doc: doc(paragraph(text("Keep 180 days."))),
    plugins: [suggestionModePlugin({ locked })],
  });
}

describe("suggestion mode", () => {
  it("starts off for an editor, who switches it on and off", () => {
    const off = stateWith(false);
    expect(suggestionModeOf(off)).toEqual({ on: false, locked: false, refused: false });
    const on = off.apply(setSuggestionMode(off.tr, true));
    expect(suggestionModeOf(on).on).toBe(true);
    expect(suggestionModeOf(on.apply(setSuggestionMode(on.tr, false))).on).toBe(false);
  });

  it("is always on for someone who may only suggest", () => {
    const state = stateWith(true);
    expect(suggestionModeOf(state)).toEqual({ on: true, locked: true, refused: false });
    expect(suggestionModeOf(state.apply(setSuggestionMode(state.tr, false))).on).toBe(true);
  });

  it("shows the refusal until the next edit goes through", () => {
    const refused = stateWith(true).apply(markEditRefused(stateWith(true).tr));
    expect(suggestionModeOf(refused).refused).toBe(true);
    // A selection change keeps the hint; an edit clears it.
    expect(suggestionModeOf(refused.apply(refused.tr.setMeta("pointer", true))).refused).toBe(true);
    expect(suggestionModeOf(refused.apply(refused.tr.insertText("x", 1))).refused).toBe(false);
  });

  it("is off in an editor built without the plugin (a reader's)", () => {
    expect(suggestionModeOf(EditorState.create({ schema: policySchema }))).toEqual({ on: false, locked: false, refused: false });
  });
});

describe("pastedTextAsInline", () => {
  it("turns the line breaks of pasted paragraphs into single spaces", () => {
    expect(pastedTextAsInline("Officers must\nrecord.\r\n\r\nAlways.")).toBe("Officers must record. Always.");
  });

  it("drops the line breaks at the ends of a copied paragraph and keeps other spacing", () => {
    expect(pastedTextAsInline("\n  Keep  120 days.\n")).toBe("Keep  120 days.");
    expect(pastedTextAsInline(" within ")).toBe(" within ");
  });
});
