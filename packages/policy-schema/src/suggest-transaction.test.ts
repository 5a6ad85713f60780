import { Fragment, Slice, type Mark, type Node } from "prosemirror-model";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { policySchema } from "./schema.js";
import { toSuggestionTransaction, type Suggester } from "./suggest-transaction.js";
import { suggestionAttrsOf, suggestionMarkOf } from "./suggestions.js";

const { insertion, deletion, strong } = policySchema.marks;
const me: Suggester = { userId: "u-citizen", affiliation: "citizen" };
const now = new Date("2026-11-28T10:00:00.000Z");
const earlier = "2026-11-28T09:00:00.000Z";
const theirInsertion = insertion.create({ id: "theirs1", author: "u-police", affiliation: "police", time: earlier });
const theirDeletion = deletion.create({ id: "theirs2", author: "u-police", affiliation: "police", time: earlier });
const myInsertion = insertion.create({ id: "mine1", author: me.userId, affiliation: me.affiliation, time: earlier });
const myDeletion = deletion.create({ id: "mine2", author: me.userId, affiliation: me.affiliation, time: earlier });

type Part = string | [string, ...Mark[]];

function paragraph(...parts: Part[]): Node {
  return policySchema.nodes.paragraph.create(
    null,
    parts.map((part) => (typeof part === "string" ? policySchema.text(part) : policySchema.text(part[0], part.slice(1) as Mark[]))),
  );
}

function stateOf(caret: number | [number, number], ...paragraphs: Node[]): EditorState {
  const doc = policySchema.nodes.doc.create(null, paragraphs);
  const [anchor, head] = typeof caret === "number" ? [caret, caret] : caret;
  return EditorState.create({ doc, selection: TextSelection.create(doc, anchor, head) });
}

// A fresh id source per test, so that ids read s1, s2, … in the order suggestions were started.
function idSource(): () => string {
  let count = 0;
  return () => `s${++count}`;
}

// The first paragraph as its text runs: "text", "+id:text" for an insertion, "-id:text" for a deletion,
// with "@author" when the author is not me.
function runs(doc: Node): string[] {
  const found: string[] = [];
  doc.firstChild!.forEach((node) => {
    const mark = suggestionMarkOf(node);
    if (!mark) return found.push(node.text ?? "\n");
    const attrs = suggestionAttrsOf(mark);
    const sign = mark.type === insertion ? "+" : "-";
    return found.push(`${sign}${attrs.id}${attrs.author === me.userId ? "" : `@${attrs.author}`}:${node.text ?? "\n"}`);
  });
  return found;
}

/** Applies the suggestion made of `tr` and returns the next state; fails the test when it is refused. */
function suggest(state: EditorState, tr: Transaction, newId = idSource()): EditorState {
  const suggestion = toSuggestionTransaction(state, tr, me, now, newId);
  expect(suggestion).not.toBeNull();
  return state.apply(suggestion!);
}

function backspace(state: EditorState): Transaction {
  const caret = state.selection.head;
  return state.tr.delete(caret - 1, caret);
}

function forwardDelete(state: EditorState): Transaction {
  const caret = state.selection.head;
  return state.tr.delete(caret, caret + 1);
}

describe("toSuggestionTransaction, typing", () => {
  it("suggests text typed in the middle of plain text, with the caret after it", () => {
    const state = stateOf(10, paragraph("Officers record."));
    const next = suggest(state, state.tr.insertText("must "));
    expect(runs(next.doc)).toEqual(["Officers ", "+s1:must ", "record."]);
    expect(next.selection.head).toBe(15);
    const mark = suggestionMarkOf(next.doc.firstChild!.child(1))!;
    expect(mark.attrs).toEqual({ id: "s1", author: me.userId, affiliation: "citizen", time: now.toISOString() });
  });

  it("continues the same suggestion while typing goes on", () => {
    const newId = idSource();
    let state = stateOf(10, paragraph("Officers record."));
    for (const character of "must ") state = suggest(state, state.tr.insertText(character), newId);
    expect(runs(state.doc)).toEqual(["Officers ", "+s1:must ", "record."]);
    expect(state.selection.head).toBe(15);
  });

  it("starts a new suggestion next to someone else's insertion instead of extending theirs", () => {
    const state = stateOf(15, paragraph("Officers ", ["must ", theirInsertion], "record."));
    const next = suggest(state, state.tr.insertText("always "));
    expect(runs(next.doc)).toEqual(["Officers ", "+theirs1@u-police:must ", "+s1:always ", "record."]);
  });

  it("does not take over someone else's mark when typing inside their insertion or deletion", () => {
    const state = stateOf(12, paragraph("Officers ", ["must ", theirInsertion], ["shall ", theirDeletion]));
    const insideInsertion = suggest(state, state.tr.insertText("X"));
    expect(runs(insideInsertion.doc)).toEqual([
      "Officers ",
      "+theirs1@u-police:mu",
      "+s1:X",
      "+theirs1@u-police:st ",
      "-theirs2@u-police:shall ",
    ]);
    const insideDeletion = suggest(state, state.tr.insertText("Y", 17));
    expect(runs(insideDeletion.doc)).toEqual([
      "Officers ",
      "+theirs1@u-police:must ",
      "-theirs2@u-police:sh",
      "+s1:Y",
      "-theirs2@u-police:all ",
    ]);
  });

  it("strikes a selection typed over and puts the new text after it", () => {
    const state = stateOf([10, 14], paragraph("Officers must record."));
    const next = suggest(state, state.tr.insertText("shall"));
    expect(runs(next.doc)).toEqual(["Officers ", "-s1:must", "+s2:shall", " record."]);
    expect(next.selection.head).toBe(19);
  });

  it("drops new formatting and suggestion marks of pasted text, and keeps the paste meta", () => {
    const state = stateOf(10, paragraph("Officers record."));
    const pasted = new Slice(Fragment.from(paragraph(["must ", strong.create(), theirInsertion])), 1, 1);
    const tr = state.tr.replaceSelection(pasted).setMeta("paste", true).setMeta("uiEvent", "paste");
    const suggestion = toSuggestionTransaction(state, tr, me, now, idSource())!;
    expect(suggestion.getMeta("paste")).toBe(true);
    expect(suggestion.getMeta("uiEvent")).toBe("paste");
    const inserted = suggestion.doc.firstChild!.child(1);
    expect(inserted.text).toBe("must ");
    expect(inserted.marks.map((mark) => [mark.type.name, mark.attrs["author"] ?? null])).toEqual([["insertion", me.userId]]);
  });

  it("keeps the formatting the text has where it lands: typed inside bold words, it is bold", () => {
    const state = stateOf(6, paragraph("Officers ", ["must", strong.create()], " record."));
    const suggestion = toSuggestionTransaction(state, state.tr.insertText("ALWAYS ", 12), me, now, idSource())!;
    expect(suggestion.doc.textContent).toBe("Officers muALWAYS st record.");
    const typed = suggestion.doc.firstChild!.child(2);
    expect(typed.text).toBe("ALWAYS ");
    expect(typed.marks.map((mark) => mark.type.name)).toEqual(["strong", "insertion"]);
  });

  it("drops formatting switched on before typing (stored marks), which only an editor may add", () => {
    const state = stateOf(10, paragraph("Officers record."));
    const tr = state.tr.setStoredMarks([strong.create()]).insertText("must ");
    const suggestion = toSuggestionTransaction(state, tr, me, now, idSource())!;
    const typed = suggestion.doc.firstChild!.child(1);
    expect(typed.text).toBe("must ");
    expect(typed.marks.map((mark) => mark.type.name)).toEqual(["insertion"]);
  });
});

describe("toSuggestionTransaction, deleting", () => {
  it("strikes plain text on Backspace and moves the caret before it, one suggestion for the run", () => {
    const newId = idSource();
    let state = stateOf(14, paragraph("Officers must record."));
    state = suggest(state, backspace(state), newId);
    expect(runs(state.doc)).toEqual(["Officers mus", "-s1:t", " record."]);
    expect(state.selection.head).toBe(13);
    state = suggest(state, backspace(state), newId);
    expect(runs(state.doc)).toEqual(["Officers mu", "-s1:st", " record."]);
    expect(state.selection.head).toBe(12);
  });

  it("strikes plain text on forward Delete and moves the caret after it", () => {
    const newId = idSource();
    let state = stateOf(10, paragraph("Officers must record."));
    state = suggest(state, forwardDelete(state), newId);
    state = suggest(state, forwardDelete(state), newId);
    expect(runs(state.doc)).toEqual(["Officers ", "-s1:mu", "st record."]);
    expect(state.selection.head).toBe(12);
  });

  it("extends one's own earlier deletion rather than starting another", () => {
    const state = stateOf(10, paragraph("Officers ", ["must", myDeletion], " record."));
    const next = suggest(state, backspace(state));
    expect(runs(next.doc)).toEqual(["Officers", "-mine2: must", " record."]);
  });

  it("really deletes one's own inserted text on Backspace", () => {
    const state = stateOf(15, paragraph("Officers ", ["must ", myInsertion], "record."));
    const next = suggest(state, backspace(state));
    expect(runs(next.doc)).toEqual(["Officers ", "+mine1:must", "record."]);
    expect(next.selection.head).toBe(14);
  });

  it("leaves someone else's insertion untouched on Backspace and only moves the caret", () => {
    const state = stateOf(15, paragraph("Officers ", ["must ", theirInsertion], "record."));
    const suggestion = toSuggestionTransaction(state, backspace(state), me, now, idSource())!;
    expect(suggestion.docChanged).toBe(false);
    expect(suggestion.selection.head).toBe(14);
  });

  it("only moves the caret over text that is already struck", () => {
    const state = stateOf(15, paragraph("Officers ", ["must ", theirDeletion], "record."));
    const suggestion = toSuggestionTransaction(state, backspace(state), me, now, idSource())!;
    expect(suggestion.docChanged).toBe(false);
    expect(suggestion.selection.head).toBe(14);
  });

  it("deletes a selection across mixed text part by part", () => {
    const state = stateOf(
      [1, 32],
      paragraph("Officers ", ["must ", theirInsertion], ["shall ", myInsertion], ["may", theirDeletion], " record."),
    );
    const next = suggest(state, state.tr.deleteSelection());
    expect(runs(next.doc)).toEqual(["-s1:Officers ", "+theirs1@u-police:must ", "-theirs2@u-police:may", "-s1: record."]);
    expect(next.selection.head).toBe(next.doc.firstChild!.content.size + 1);
  });
});

describe("toSuggestionTransaction, what cannot be suggested", () => {
  const state = stateOf([1, 9], paragraph("Officers must record."), paragraph("Footage is kept."));

  it("refuses formatting", () => {
    expect(toSuggestionTransaction(state, state.tr.addMark(1, 9, strong.create()), me, now, idSource())).toBeNull();
    const bold = stateOf(5, paragraph(["Officers", strong.create()]));
    expect(toSuggestionTransaction(bold, bold.tr.removeMark(1, 9, strong), me, now, idSource())).toBeNull();
  });

  it("refuses splitting a paragraph (Enter) and joining two (Backspace at a paragraph's start)", () => {
    expect(toSuggestionTransaction(state, state.tr.split(5), me, now, idSource())).toBeNull();
    expect(toSuggestionTransaction(state, state.tr.join(23), me, now, idSource())).toBeNull();
  });

  it("refuses a line break, which cannot carry a suggestion mark through Yjs", () => {
    const lineBreak = policySchema.nodes.hard_break.create();
    expect(toSuggestionTransaction(state, state.tr.replaceWith(5, 5, lineBreak), me, now, idSource())).toBeNull();
  });

  it("refuses a deletion across paragraphs and a paste of several paragraphs", () => {
    expect(toSuggestionTransaction(state, state.tr.delete(5, 28), me, now, idSource())).toBeNull();
    const pasted = new Slice(Fragment.from([paragraph("One"), paragraph("Two")]), 1, 1);
    expect(toSuggestionTransaction(state, state.tr.replace(5, 5, pasted), me, now, idSource())).toBeNull();
  });

  it("refuses wrapping text in a block (a ReplaceAroundStep)", () => {
    const range = state.doc.resolve(1).blockRange(state.doc.resolve(9))!;
    const tr = state.tr.wrap(range, [{ type: policySchema.nodes.blockquote }]);
    expect(toSuggestionTransaction(state, tr, me, now, idSource())).toBeNull();
  });

  it("refuses the whole transaction when one of its steps cannot be suggested", () => {
    const tr = state.tr.insertText("X", 3).addMark(1, 9, strong.create());
    expect(toSuggestionTransaction(state, tr, me, now, idSource())).toBeNull();
  });

  it("returns a transaction that leaves the document alone as it is", () => {
    const tr = state.tr.setSelection(TextSelection.create(state.doc, 3));
    expect(toSuggestionTransaction(state, tr, me, now, idSource())).toBe(tr);
  });
});

describe("toSuggestionTransaction, several steps", () => {
  it("suggests moving words within a paragraph as a deletion and an insertion", () => {
    const state = stateOf(1, paragraph("Officers must record."));
    const tr = state.tr.delete(10, 15);
    tr.insert(tr.mapping.map(21), policySchema.text(" must"));
    const next = suggest(state, tr);
    expect(runs(next.doc)).toEqual(["Officers ", "-s1:must ", "record", "+s2: must", "."]);
  });

  it("maps a later step through text an earlier step inserted", () => {
    const state = stateOf(10, paragraph("Officers record."));
    const tr = state.tr.insertText("must ", 10).insertText("always ", 15).delete(12, 13);
    const next = suggest(state, tr);
    expect(runs(next.doc)).toEqual(["Officers ", "+s1:mut always ", "record."]);
  });
});
