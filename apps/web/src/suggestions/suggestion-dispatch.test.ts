import { collectSuggestions, policySchema } from "@accord/policy-schema";
import { EditorState, TextSelection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { ySyncPluginKey } from "y-prosemirror";
import { isLocalEdit, newSuggestionId, suggestionAwareTransaction } from "./suggestion-dispatch.js";
import { setSuggestionMode, suggestionModeOf, suggestionModePlugin } from "./suggestion-mode.js";
import { doc, paragraph, text } from "./suggestion-test-documents.js";

const suggester = { userId: "ana", affiliation: "community" };
const now = () => new Date("2026-03-12T14:05:00.000Z");
const ids = () => {
  let count = 0;
  return () => `s${++count}`;
};

/** "Keep 180 days." with the caret after "Keep " (position 6), suggestion mode on or off. */
function editorState(suggesting: boolean): EditorState {
  const state = EditorState.create({
    schema: policySchema,
    doc: doc(paragraph(text("Keep 180 days."))),
    plugins: [suggestionModePlugin({ locked: false })],
  });
  const moved = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 6)));
  return suggesting ? moved.apply(setSuggestionMode(moved.tr, true)) : moved;
}

describe("isLocalEdit", () => {
  const state = editorState(true);

  it("is true for typing in this browser", () => {
    expect(isLocalEdit(state.tr.insertText("only "))).toBe(true);
  });

  it("is false for changes y-prosemirror brings in from the shared document (others' edits, my undo and redo)", () => {
    expect(isLocalEdit(state.tr.insertText("x").setMeta(ySyncPluginKey, { isChangeOrigin: true }))).toBe(false);
    expect(isLocalEdit(state.tr.insertText("x").setMeta(ySyncPluginKey, { isChangeOrigin: true, isUndoRedoOperation: true }))).toBe(false);
  });

  it("is false for a transaction that leaves the document alone", () => {
    expect(isLocalEdit(state.tr.setSelection(TextSelection.create(state.doc, 2)))).toBe(false);
  });
});

describe("suggestionAwareTransaction", () => {
  it("passes edits through untouched while suggestion mode is off", () => {
    const state = editorState(false);
    const tr = state.tr.insertText("only ");
    expect(suggestionAwareTransaction(state, tr, suggester, now, ids())).toBe(tr);
  });

  it("turns typing into an insertion by me, with my affiliation, the time and a new id", () => {
    const state = editorState(true);
    const next = state.apply(suggestionAwareTransaction(state, state.tr.insertText("only "), suggester, now, ids()));
    expect(next.doc.textContent).toBe("Keep only 180 days.");
    expect(collectSuggestions(next.doc)).toEqual([
      {
        id: "s1",
        kind: "insertion",
        author: "ana",
        affiliation: "community",
        time: "2026-03-12T14:05:00.000Z",
        text: "only ",
        from: 6,
        to: 11,
      },
    ]);
  });

  it("turns deleting into striking the text, which stays in the draft", () => {
    const state = editorState(true);
    const next = state.apply(suggestionAwareTransaction(state, state.tr.delete(6, 9), suggester, now, ids()));
    expect(next.doc.textContent).toBe("Keep 180 days.");
    expect(collectSuggestions(next.doc)).toMatchObject([{ kind: "deletion", text: "180", author: "ana" }]);
  });

  it("drops an edit that cannot be a suggestion (a new paragraph) and shows the hint instead", () => {
    const state = editorState(true);
    const refused = suggestionAwareTransaction(state, state.tr.split(6), suggester, now, ids());
    const next = state.apply(refused);
    expect(next.doc.eq(state.doc)).toBe(true);
    expect(suggestionModeOf(next).refused).toBe(true);
  });

  it("lets others' changes through untouched even in suggestion mode", () => {
    const state = editorState(true);
    const remote = state.tr.insertText("only ").setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(suggestionAwareTransaction(state, remote, suggester, now, ids())).toBe(remote);
  });
});

describe("newSuggestionId", () => {
  const allowed = /^[A-Za-z0-9_-]{1,64}$/;

  it("is a random UUID where the page may make one", () => {
    const id = newSuggestionId();
    expect(id).toMatch(allowed);
    expect(id).not.toBe(newSuggestionId());
  });

  it("falls back to 128 random bits in hex on a page without randomUUID (plain http)", () => {
    const id = newSuggestionId({ getRandomValues: (array) => crypto.getRandomValues(array) });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses an id outside the schema's rule rather than sending one the server would refuse", () => {
    expect(() => newSuggestionId({ getRandomValues: (array) => array, randomUUID: () => "not a valid id" })).toThrow(/1-64/);
  });
});
