import { policySchema } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { TextSelection, type Selection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  absolutePositionToRelativePosition,
  initProseMirrorDoc,
  prosemirrorToYXmlFragment,
  relativePositionToAbsolutePosition,
} from "y-prosemirror";
import * as Y from "yjs";
import { anchorSelection, relativePositionBefore, resolveAnchoredSelection } from "./caret-association.js";

const { nodes } = policySchema;
const paragraph = (value?: string) => nodes.paragraph.create(null, value ? [policySchema.text(value)] : []);
const doc = (...content: Node[]) => nodes.doc.create(null, content);

/** My copy and another person's copy of one draft, in sync. */
function twoCopies(document: Node): { mine: Y.Doc; theirs: Y.Doc } {
  const mine = new Y.Doc();
  prosemirrorToYXmlFragment(document, mine.getXmlFragment("prosemirror"));
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
  return { mine, theirs };
}

/** What y-prosemirror renders of a copy: the ProseMirror document and the mapping of Yjs types to its nodes. */
function rendered(ydoc: Y.Doc) {
  const { doc: document, mapping } = initProseMirrorDoc(ydoc.getXmlFragment("prosemirror"), policySchema);
  return { document, mapping, fragment: ydoc.getXmlFragment("prosemirror") };
}

/** Types `text` into a copy at ProseMirror position `pos` (inside a text block), as y-prosemirror would write it. */
function typeAt(ydoc: Y.Doc, pos: number, text: string): void {
  const { fragment, mapping } = rendered(ydoc);
  const place = Y.createAbsolutePositionFromRelativePosition(
    absolutePositionToRelativePosition(pos, fragment, mapping) as Y.RelativePosition,
    ydoc,
  );
  if (place === null) throw new Error(`Position ${pos} is not in the draft.`);
  if (place.type instanceof Y.XmlText) place.type.insert(place.index, text);
  else (place.type as Y.XmlElement).insert(place.index, [new Y.XmlText(text)]);
}

/** Sends everything `from` has that `to` lacks, as the socket would. */
function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), "socket");
}

/** Takes my selection, lets `change` happen, and returns my selection put back by this module. */
function selectionAcross(
  mine: Y.Doc,
  selection: (document: Node) => Selection,
  change: () => void,
): { document: Node; selection: Selection | null } {
  const before = rendered(mine);
  const anchored = anchorSelection(selection(before.document), before.fragment, before.mapping);
  if (anchored === null) throw new Error("The selection was not anchored.");
  change();
  const after = rendered(mine);
  return { document: after.document, selection: resolveAnchoredSelection(anchored, after.document, after.fragment, after.mapping) };
}

describe("keeping my caret before others' typing", () => {
  it("keeps my caret before letters another person types exactly at it, where y-prosemirror's own position moved past them", () => {
    const { mine, theirs } = twoCopies(doc(paragraph("Body cameras record.")));
    const caretAt = 5; // after "Body"
    const before = rendered(mine);
    const libraryPosition = absolutePositionToRelativePosition(caretAt, before.fragment, before.mapping) as Y.RelativePosition;

    const result = selectionAcross(
      mine,
      (document) => TextSelection.create(document, caretAt),
      () => {
        typeAt(theirs, caretAt, " worn");
        deliver(theirs, mine);
      },
    );

    expect(result.document.textContent).toBe("Body worn cameras record.");
    expect(result.selection?.from).toBe(caretAt);
    expect(result.selection?.empty).toBe(true);
    // The cause of the braided words: y-prosemirror ties the caret to the character after it.
    const after = rendered(mine);
    expect(relativePositionToAbsolutePosition(mine, after.fragment, libraryPosition, after.mapping)).toBe(caretAt + " worn".length);
  });

  it("keeps my caret at the end of a paragraph before what another person adds there", () => {
    const { mine, theirs } = twoCopies(doc(paragraph("Recording starts."), paragraph("Next.")));
    const endOfFirst = 1 + "Recording starts.".length;
    const result = selectionAcross(
      mine,
      (document) => TextSelection.create(document, endOfFirst),
      () => {
        typeAt(theirs, endOfFirst, " Always.");
        deliver(theirs, mine);
      },
    );
    expect(result.document.firstChild?.textContent).toBe("Recording starts. Always.");
    expect(result.selection?.from).toBe(endOfFirst);
  });

  it("moves my caret along when another person types before it", () => {
    const { mine, theirs } = twoCopies(doc(paragraph("Body cameras record.")));
    const result = selectionAcross(
      mine,
      (document) => TextSelection.create(document, 5),
      () => {
        typeAt(theirs, 1, "All ");
        deliver(theirs, mine);
      },
    );
    expect(result.document.textContent).toBe("All Body cameras record.");
    expect(result.selection?.from).toBe(5 + "All ".length);
  });

  it("keeps a selected word selected, without what another person types at either edge", () => {
    const { mine, theirs } = twoCopies(doc(paragraph("Body cameras record.")));
    const result = selectionAcross(
      mine,
      (document) => TextSelection.create(document, 13, 6), // "cameras", selected backwards
      () => {
        typeAt(theirs, 13, "!");
        typeAt(theirs, 6, "worn ");
        deliver(theirs, mine);
      },
    );
    expect(result.document.textContent).toBe("Body worn cameras! record.");
    const selection = result.selection;
    if (selection === null) throw new Error("The selection was lost.");
    expect(result.document.textBetween(selection.from, selection.to)).toBe("cameras");
    expect(selection.head).toBe(selection.from); // still backwards
  });

  it("keeps my caret at the start of an empty paragraph another person starts typing in", () => {
    const { mine, theirs } = twoCopies(doc(paragraph("Scope."), paragraph()));
    const insideEmpty = 1 + "Scope.".length + 2;
    const result = selectionAcross(
      mine,
      (document) => TextSelection.create(document, insideEmpty),
      () => {
        typeAt(theirs, insideEmpty, "New text");
        deliver(theirs, mine);
      },
    );
    expect(result.document.lastChild?.textContent).toBe("New text");
    expect(result.selection?.from).toBe(insideEmpty);
  });

  it("keeps each person's words contiguous when two people type at one spot, letter by letter in turn", () => {
    // Each person types a letter at their caret, the letter reaches the other, and each caret is put
    // back across the other's letter: the loop the browser runs, without the browser.
    const { mine, theirs } = twoCopies(doc(paragraph("Cameras. ")));
    const spot = 1 + "Cameras. ".length;
    const words = { mine: "Officer new words", theirs: "Citizen words" };
    const carets = new Map<Y.Doc, Y.RelativePosition>();
    for (const copy of [mine, theirs]) {
      const { fragment, mapping } = rendered(copy);
      carets.set(copy, relativePositionBefore(spot, fragment, mapping));
    }
    const caretOf = (copy: Y.Doc): number => {
      const { fragment, mapping } = rendered(copy);
      const caret = carets.get(copy);
      const pos = caret === undefined ? null : relativePositionToAbsolutePosition(copy, fragment, caret, mapping);
      if (pos === null) throw new Error("A caret was lost.");
      return pos;
    };
    const typeOneLetter = (copy: Y.Doc, letter: string) => {
      const pos = caretOf(copy);
      typeAt(copy, pos, letter);
      const { fragment, mapping } = rendered(copy);
      carets.set(copy, relativePositionBefore(pos + 1, fragment, mapping));
    };
    for (let index = 0; index < Math.max(words.mine.length, words.theirs.length); index++) {
      const myLetter = words.mine[index];
      const theirLetter = words.theirs[index];
      if (myLetter !== undefined) typeOneLetter(mine, myLetter);
      if (theirLetter !== undefined) typeOneLetter(theirs, theirLetter);
      deliver(mine, theirs);
      deliver(theirs, mine);
    }

    const text = rendered(mine).document.textContent;
    expect(rendered(theirs).document.textContent).toBe(text);
    expect(text).toContain(words.mine);
    expect(text).toContain(words.theirs);
    expect(text.length).toBe("Cameras. ".length + words.mine.length + words.theirs.length);
  });
});
