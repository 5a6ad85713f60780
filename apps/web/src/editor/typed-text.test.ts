import { policySchema } from "@accord/policy-schema";
import { createMutex } from "lib0/mutex";
import type { Node } from "prosemirror-model";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  initProseMirrorDoc,
  prosemirrorToYXmlFragment,
  relativePositionToAbsolutePosition,
  updateYFragment,
  ySyncPluginKey,
} from "y-prosemirror";
import * as Y from "yjs";
import { suggestionAwareTransaction } from "../suggestions/suggestion-dispatch.js";
import { suggestionModePlugin } from "../suggestions/suggestion-mode.js";
import { relativePositionBefore } from "./caret-association.js";
import { typedTextOf, writeTypedText } from "./typed-text.js";

const { nodes, marks } = policySchema;
const paragraph = (...content: Node[]) => nodes.paragraph.create(null, content);
const text = (value: string) => policySchema.text(value);
const doc = (...content: Node[]) => nodes.doc.create(null, content);

/** A copy of a draft with a fixed Yjs client id (who wins a tie between concurrent letters is then fixed too). */
function copyOf(document: Node, clientID: number): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.clientID = clientID;
  prosemirrorToYXmlFragment(document, ydoc.getXmlFragment("prosemirror"));
  return ydoc;
}

/** What y-prosemirror's binding holds for a copy, as the editor would after rendering it. */
function bindingOf(ydoc: Y.Doc) {
  const fragment = ydoc.getXmlFragment("prosemirror");
  const { doc: document, mapping } = initProseMirrorDoc(fragment, policySchema);
  return { doc: ydoc, type: fragment, mapping, mux: createMutex(), isOMark: new Map(), document };
}

/** The editor's state over a copy, with the caret at `pos`. */
function editorAt(ydoc: Y.Doc, pos: number): EditorState {
  const { document } = bindingOf(ydoc);
  const state = EditorState.create({ schema: policySchema, doc: document });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}

/** Another person's copy of the same draft (the same Yjs content, not the same text written twice). */
function sameDraftAs(source: Y.Doc, clientID: number): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.clientID = clientID;
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(source));
  return ydoc;
}

function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), "socket");
}

/** Which copy wrote the letter at `index` of the first paragraph's text. */
function writerAt(ydoc: Y.Doc, index: number): number | null {
  const first = ydoc.getXmlFragment("prosemirror").get(0) as Y.XmlElement;
  const ytext = first.get(0) as Y.XmlText;
  let remaining = index;
  for (let item = ytext._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (remaining < item.length) return item.id.client;
    remaining -= item.length;
  }
  return null;
}

/** Writes an editor transaction into Yjs the way the editor does: typed text exactly, the rest by y-prosemirror's comparison. */
function write(ydoc: Y.Doc, transaction: Transaction, exact: boolean): void {
  const binding = bindingOf(ydoc);
  const typed = exact ? typedTextOf([transaction]) : null;
  if (typed !== null && writeTypedText(binding, typed)) return;
  ydoc.transact(() => updateYFragment(ydoc, binding.type, transaction.doc, binding), ySyncPluginKey);
}

describe("writing typed text into Yjs where it was typed", () => {
  it("puts my letter before another person's equal letter at my caret, where y-prosemirror's comparison put it after", () => {
    const base = doc(paragraph(text("Base.")));
    for (const exact of [true, false]) {
      const mine = copyOf(base, 1);
      const theirs = sameDraftAs(mine, 2);
      write(theirs, editorAt(theirs, 6).tr.insertText("O"), true);
      deliver(theirs, mine);
      // My caret is still before their "O" (caret-association.ts); I type an "O" too.
      write(mine, editorAt(mine, 6).tr.insertText("O"), exact);
      expect(bindingOf(mine).document.textContent).toBe("Base.OO");
      expect([writerAt(mine, 5), writerAt(mine, 6)]).toEqual(exact ? [1, 2] : [2, 1]);
    }
  });

  it("writes marked text with the attributes y-prosemirror gives its marks, so that its render is the editor's document", () => {
    const ydoc = copyOf(doc(paragraph(text("Footage is kept days."))), 1);
    const insertion = marks.insertion.create({ id: "s1", author: "u1", affiliation: "citizen", time: "2026-01-01T00:00:00.000Z" });
    const typed = editorAt(ydoc, 17).tr.insert(17, policySchema.text("ninety ", [marks.strong.create(), insertion]));
    const written = typedTextOf([typed]);
    expect(written?.runs).toEqual([{ text: "ninety ", attributes: { strong: {}, insertion: insertion.attrs } }]);
    expect(written !== null && writeTypedText(bindingOf(ydoc), written)).toBe(true);
    expect(bindingOf(ydoc).document.eq(typed.doc)).toBe(true);
  });

  it("writes a letter typed in suggestion mode the same way, as a suggested insertion", () => {
    const ydoc = copyOf(doc(paragraph(text("Body cameras."))), 1);
    const base = EditorState.create({
      schema: policySchema,
      doc: bindingOf(ydoc).document,
      plugins: [suggestionModePlugin({ locked: true })],
    });
    const state = base.apply(base.tr.setSelection(TextSelection.create(base.doc, 5)));
    const suggested = suggestionAwareTransaction(state, state.tr.insertText("x"), { userId: "u1", affiliation: "community" });
    const { state: next, transactions } = state.applyTransaction(suggested);
    const typed = typedTextOf(transactions);
    expect(typed?.runs[0]?.attributes["insertion"]).toMatchObject({ author: "u1", affiliation: "community" });
    expect(typed !== null && writeTypedText(bindingOf(ydoc), typed)).toBe(true);
    expect(bindingOf(ydoc).document.eq(next.doc)).toBe(true);
  });

  it("leaves everything but a plain insertion of text to y-prosemirror", () => {
    const ydoc = copyOf(doc(paragraph(text("Body cameras."))), 1);
    const state = editorAt(ydoc, 5);
    expect(typedTextOf([state.tr.delete(1, 5)])).toBeNull(); // a deletion
    expect(typedTextOf([state.tr.split(5)])).toBeNull(); // a new paragraph
    expect(typedTextOf([state.tr.insertText("a", 5).insertText("b", 2)])).toBeNull(); // two steps
    expect(typedTextOf([state.tr.insertText("x", 3, 6)])).toBeNull(); // typing over a selection replaces it
    expect(typedTextOf([state.tr.insertText("x").setMeta(ySyncPluginKey, { isChangeOrigin: true })])).toBeNull(); // a render of Yjs
    expect(typedTextOf([state.tr.insertText("a"), state.tr.insertText("b")])).toBeNull(); // two changes in one dispatch
    expect(typedTextOf([state.tr.setSelection(TextSelection.create(state.doc, 2)), state.tr.insertText("a")])?.pos).toBe(5);
  });

  it("leaves typing into an empty paragraph to y-prosemirror, which creates its text", () => {
    const ydoc = copyOf(doc(paragraph(text("Scope.")), paragraph()), 1);
    const typed = typedTextOf([editorAt(ydoc, 9).tr.insertText("x")]);
    expect(typed).not.toBeNull();
    expect(typed !== null && writeTypedText(bindingOf(ydoc), typed)).toBe(false);
  });

  it("keeps each person's letters together, as their own, when two people type words with spaces at one spot", () => {
    // Letter by letter in turn, each letter reaching the other copy before the next is typed, with each
    // caret put back after the other's letters as the editor does (caret-association.ts). Returns the
    // text added and who wrote each of its letters.
    const typeTogether = (exact: boolean): { added: string; writers: string } => {
      const base = doc(paragraph(text("Cameras.")));
      const first = copyOf(base, 1);
      const copies = [first, sameDraftAs(first, 2)] as const;
      const words = [" Officer new words", " Citizen words"] as const;
      const spot = 1 + "Cameras.".length;
      const carets = copies.map((copy) => {
        const binding = bindingOf(copy);
        return relativePositionBefore(spot, binding.type, binding.mapping);
      });
      for (let index = 0; index < Math.max(words[0].length, words[1].length); index++) {
        copies.forEach((copy, who) => {
          const letter = words[who]?.[index];
          const caret = carets[who];
          if (letter === undefined || caret === undefined) return;
          const binding = bindingOf(copy);
          const pos = relativePositionToAbsolutePosition(copy, binding.type, caret, binding.mapping);
          if (pos === null) throw new Error("A caret was lost.");
          write(copy, editorAt(copy, pos).tr.insertText(letter), exact);
          const after = bindingOf(copy);
          carets[who] = relativePositionBefore(pos + 1, after.type, after.mapping);
        });
        deliver(copies[0], copies[1]);
        deliver(copies[1], copies[0]);
      }
      const result = bindingOf(copies[0]).document.textContent;
      expect(bindingOf(copies[1]).document.textContent).toBe(result);
      const added = result.slice("Cameras.".length);
      const writers = Array.from(added, (_, index) => String(writerAt(copies[0], "Cameras.".length + index))).join("");
      return { added, writers };
    };

    const together = typeTogether(true);
    expect([" Officer new words Citizen words", " Citizen words Officer new words"]).toContain(together.added);
    // Each person's letters are one run of their own: what their undo takes back, and what a suggestion marks.
    expect(together.writers).toMatch(/^(1+2+|2+1+)$/);
    // With y-prosemirror's comparison alone the text reads the same (the letters swapped are equal
    // spaces), but a space of one person sits inside the other's words.
    expect(typeTogether(false).writers).not.toMatch(/^(1+2+|2+1+)$/);
  });
});
