import { policySchema } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { initProseMirrorDoc, prosemirrorToYXmlFragment, updateYFragment } from "y-prosemirror";
import * as Y from "yjs";
import { decodeAnchor, encodeAnchor, resolveAnchor, type AnchorContext, type DecodedAnchor } from "./anchors.js";

const { nodes } = policySchema;
const paragraph = (text: string) => nodes.paragraph.create(null, text === "" ? [] : [policySchema.text(text)]);
const doc = (...paragraphs: string[]) => nodes.doc.create(null, paragraphs.map(paragraph));

/** A browser's copy of the draft: the Yjs document and the ProseMirror document y-prosemirror draws from it. */
class DraftCopy {
  readonly ydoc = new Y.Doc();
  readonly fragment = this.ydoc.getXmlFragment("prosemirror");
  pmDoc: Node = doc();
  private meta = { mapping: new Map(), isOMark: new Map() };

  /** Types `next` into the editor: y-prosemirror writes the difference into Yjs, as the binding does. */
  edit(next: Node): void {
    this.ydoc.transact(() => updateYFragment(this.ydoc, this.fragment, next, this.meta));
    this.pmDoc = next;
  }

  /**
   * Adds a paragraph before the others. The others are the same node objects, as in a real editor,
   * which is how y-prosemirror tells that they were kept rather than rewritten.
   */
  addFirstParagraph(text: string): void {
    const kept: Node[] = [];
    this.pmDoc.forEach((child) => kept.push(child));
    this.edit(nodes.doc.create(null, [paragraph(text), ...kept]));
  }

  /** Redraws ProseMirror from Yjs, as the binding does when another person's change arrives. */
  redraw(): void {
    const drawn = initProseMirrorDoc(this.fragment, policySchema);
    this.pmDoc = drawn.doc;
    this.meta = drawn.meta;
  }

  get context(): AnchorContext {
    return { ydoc: this.ydoc, fragment: this.fragment, mapping: this.meta.mapping };
  }

  /** The anchor of the first occurrence of `words`, as the composer sends it, decoded as the margin reads it. */
  anchorOn(words: string): DecodedAnchor {
    const from = this.positionOf(words);
    const decoded = decodeAnchor(encodeAnchor(from, from + words.length, this.context));
    if (!decoded) throw new Error("the anchor did not decode");
    return decoded;
  }

  positionOf(words: string): number {
    let found = -1;
    this.pmDoc.descendants((node, position) => {
      if (found === -1 && node.isText && node.text?.includes(words)) found = position + node.text.indexOf(words);
    });
    if (found === -1) throw new Error(`"${words}" is not in the draft`);
    return found;
  }

  /** The text an anchor covers now, or what kind of place it resolved to. */
  textAt(anchor: DecodedAnchor): string {
    const place = resolveAnchor(anchor, this.context, this.pmDoc.content.size);
    return place.kind === "range" ? this.pmDoc.textBetween(place.from, place.to, "\n") : `(${place.kind})`;
  }
}

/** Two browsers on one draft, every change of one applied to the other, as through the server. */
function twoCopies(...paragraphs: string[]): [DraftCopy, DraftCopy] {
  const first = new DraftCopy();
  const second = new DraftCopy();
  first.ydoc.on("update", (update: Uint8Array) => Y.applyUpdate(second.ydoc, update));
  second.ydoc.on("update", (update: Uint8Array) => Y.applyUpdate(first.ydoc, update));
  first.edit(doc(...paragraphs));
  second.redraw();
  return [first, second];
}

describe("comment anchors", () => {
  it("encode to base64 and resolve back to the same range of the draft", () => {
    const [copy] = twoCopies("Officers keep footage for the retention period.", "Access is logged.");
    const from = copy.positionOf("retention period");
    const encoded = encodeAnchor(from, from + "retention period".length, copy.context);
    expect(encoded.start).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const decoded = decodeAnchor(encoded);
    expect(decoded).not.toBeNull();
    expect(resolveAnchor(decoded!, copy.context, copy.pmDoc.content.size)).toEqual({
      kind: "range",
      from,
      to: from + "retention period".length,
    });
  });

  it("resolve in another browser to the same words", () => {
    const [mine, theirs] = twoCopies("Officers keep footage for the retention period.");
    const anchor = mine.anchorOn("footage");
    expect(theirs.textAt(anchor)).toBe("footage");
  });

  it("follow the words while I type before them and in another paragraph", () => {
    const [copy] = twoCopies("Officers keep footage for the retention period.", "Access is logged.");
    const anchor = copy.anchorOn("retention period");
    copy.edit(doc("Sworn officers keep all footage for the retention period.", "Every access is logged."));
    expect(copy.textAt(anchor)).toBe("retention period");
    copy.addFirstParagraph("Preamble.");
    expect(copy.textAt(anchor)).toBe("retention period");
  });

  it("follow the words while someone else edits the draft", () => {
    const [mine, theirs] = twoCopies("Officers keep footage for the retention period.");
    const anchor = mine.anchorOn("footage for");
    theirs.edit(doc("All officers keep every footage for the retention period."));
    theirs.addFirstParagraph("New first paragraph.");
    mine.redraw();
    expect(mine.textAt(anchor)).toBe("footage for");
  });

  it("grow with words typed inside the range", () => {
    const [copy] = twoCopies("Keep footage for the period.");
    const anchor = copy.anchorOn("footage for the");
    copy.edit(doc("Keep footage for all of the period."));
    expect(copy.textAt(anchor)).toBe("footage for all of the");
  });

  it("are gone once their words are deleted", () => {
    const [mine, theirs] = twoCopies("Officers keep footage for the retention period.", "Access is logged.");
    const anchor = mine.anchorOn("footage for the ");
    theirs.edit(doc("Officers keep retention period.", "Access is logged."));
    mine.redraw();
    expect(mine.textAt(anchor)).toBe("(gone)");
  });

  it("are gone once their whole paragraph is deleted", () => {
    const [copy] = twoCopies("First paragraph.", "Officers keep footage.", "Last paragraph.");
    const anchor = copy.anchorOn("keep footage");
    copy.edit(doc("First paragraph.", "Last paragraph."));
    expect(copy.textAt(anchor)).toBe("(gone)");
  });

  it("span paragraphs and shrink to what is left when part of their text is deleted", () => {
    const [copy] = twoCopies("Officers keep footage.", "Access is logged.");
    const from = copy.positionOf("footage");
    const to = copy.positionOf("Access") + "Access".length;
    const anchor = decodeAnchor(encodeAnchor(from, to, copy.context))!;
    expect(copy.textAt(anchor)).toBe("footage.\nAccess");
    copy.edit(doc("Officers keep.", "Access is logged."));
    expect(copy.textAt(anchor)).toBe(".\nAccess");
  });

  it("are unknown, not gone, while the text they point into has not arrived yet", () => {
    const [author] = twoCopies("Officers keep footage.");
    const anchor = author.anchorOn("footage");
    const latecomer = new DraftCopy();
    expect(latecomer.textAt(anchor)).toBe("(unknown)");
  });

  it("refuse to decode bytes that are not relative positions", () => {
    expect(decodeAnchor({ start: "not base64!", end: "AAAA" })).toBeNull();
    expect(decodeAnchor({ start: "", end: "" })).toBeNull();
  });
});

describe("prosemirrorToYXmlFragment", () => {
  it("is what the server seeds drafts with, and anchors resolve in such a draft", () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment("prosemirror");
    prosemirrorToYXmlFragment(doc("Seeded text of the draft."), fragment);
    const { doc: drawn, mapping } = initProseMirrorDoc(fragment, policySchema);
    const context = { ydoc, fragment, mapping };
    const anchor = decodeAnchor(encodeAnchor(8, 12, context))!;
    const place = resolveAnchor(anchor, context, drawn.content.size);
    expect(place).toEqual({ kind: "range", from: 8, to: 12 });
    expect(drawn.textBetween(8, 12)).toBe("text");
  });
});
