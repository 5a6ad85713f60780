import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initProseMirrorDoc, prosemirrorJSONToYDoc } from "y-prosemirror";
import { AccordError } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import { anchorForRange, decodeCommentAnchor, DraftAnchors, encodeCommentAnchor, type EncodedCommentAnchor } from "./comment-anchors.js";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

function draft(): Y.Doc {
  return prosemirrorJSONToYDoc(
    policySchema,
    {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Purpose" }] },
        paragraph("Officers record every stop."),
        paragraph("Footage is kept for ninety days."),
      ],
    },
    "prosemirror",
  );
}

/** What an editor does: the selection around the first occurrence of the text, as relative positions. */
function anchorAround(ydoc: Y.Doc, text: string): EncodedCommentAnchor {
  const { doc } = initProseMirrorDoc(ydoc.getXmlFragment("prosemirror"), policySchema);
  let from = -1;
  doc.descendants((node, pos) => {
    const index = node.isText ? (node.text ?? "").indexOf(text) : -1;
    if (from < 0 && index >= 0) from = pos + index;
    return from < 0;
  });
  if (from < 0) throw new Error(`"${text}" is not in the draft`);
  return anchorForRange(ydoc, from, from + text.length);
}

function textOfParagraph(ydoc: Y.Doc, index: number): Y.XmlText {
  const element = ydoc.getXmlFragment("prosemirror").get(index) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

const quoteNow = (ydoc: Y.Doc, anchor: EncodedCommentAnchor) => {
  const anchors = new DraftAnchors(ydoc);
  const range = anchors.resolve(decodeCommentAnchor(anchor));
  return range ? anchors.textOf(range) : null;
};

const fieldOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AccordError ? `${error.code} ${error.fields?.[0]?.path}` : "other";
  }
};

describe("comment anchors", () => {
  it("resolves a fresh anchor to exactly the selected text", () => {
    const ydoc = draft();
    const anchor = anchorAround(ydoc, "every stop");
    expect(quoteNow(ydoc, anchor)).toBe("every stop");
    expect(new DraftAnchors(ydoc).isOnDeletedText(decodeCommentAnchor(anchor))).toBe(false);
  });

  it("follows its text when text is inserted before it, by this editor or a peer", () => {
    const ydoc = draft();
    const anchor = anchorAround(ydoc, "every stop");
    const before = new DraftAnchors(ydoc).resolve(decodeCommentAnchor(anchor));
    textOfParagraph(ydoc, 1).insert(0, "Sworn ");
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
    textOfParagraph(peer, 0).insert(0, "The ");
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(ydoc)));
    const after = new DraftAnchors(ydoc).resolve(decodeCommentAnchor(anchor));
    expect(quoteNow(ydoc, anchor)).toBe("every stop");
    expect(after!.from - before!.from).toBe("Sworn ".length + "The ".length);
  });

  it("still covers its text when text is typed inside it", () => {
    const ydoc = draft();
    const anchor = anchorAround(ydoc, "every stop");
    textOfParagraph(ydoc, 1).insert("Officers record every".length, " traffic");
    expect(quoteNow(ydoc, anchor)).toBe("every traffic stop");
  });

  it("is on deleted text once the commented text is deleted, and not when only part of it is", () => {
    const ydoc = draft();
    const anchor = decodeCommentAnchor(anchorAround(ydoc, "every stop"));
    const text = textOfParagraph(ydoc, 1);
    text.delete("Officers record ".length, "every".length);
    expect(new DraftAnchors(ydoc).isOnDeletedText(anchor)).toBe(false);
    text.delete("Officers record ".length, " stop".length);
    expect(new DraftAnchors(ydoc).isOnDeletedText(anchor)).toBe(true);
    expect(new DraftAnchors(ydoc).resolve(anchor)).toBeNull();
  });

  it("is on deleted text once the whole paragraph holding it is deleted", () => {
    const ydoc = draft();
    const anchor = decodeCommentAnchor(anchorAround(ydoc, "ninety days"));
    ydoc.getXmlFragment("prosemirror").delete(2, 1);
    expect(new DraftAnchors(ydoc).isOnDeletedText(anchor)).toBe(true);
  });

  it("is on deleted text when its positions name items this draft never had", () => {
    const anchor = decodeCommentAnchor(anchorAround(draft(), "every stop"));
    expect(new DraftAnchors(draft()).isOnDeletedText(anchor)).toBe(true);
  });

  it("checks a new anchor: inside the content, with text between its ends", () => {
    const ydoc = draft();
    const anchors = new DraftAnchors(ydoc);
    const good = anchorAround(ydoc, "ninety days");
    expect(anchors.textOf(anchors.check(decodeCommentAnchor(good)))).toBe("ninety days");
    expect(fieldOf(() => anchors.check(decodeCommentAnchor({ start: good.end, end: good.start })))).toBe("validation_failed /anchor/end");
    expect(fieldOf(() => anchors.check(decodeCommentAnchor({ start: good.start, end: good.start })))).toBe("validation_failed /anchor/end");
    const foreign = anchorAround(draft(), "every stop");
    expect(fieldOf(() => anchors.check(decodeCommentAnchor(foreign)))).toBe("validation_failed /anchor/start");
  });

  it("refuses a position inside another shared type of the document than the content", () => {
    const ydoc = draft();
    const other = ydoc.getText("notes");
    other.insert(0, "aside");
    // At the end of a root type, a position names it; elsewhere it names an item inside it.
    const namingOther = encodeCommentAnchor({
      start: Y.createRelativePositionFromTypeIndex(other, other.length),
      end: Y.createRelativePositionFromTypeIndex(other, other.length),
    });
    expect(fieldOf(() => decodeCommentAnchor(namingOther))).toBe("validation_failed /anchor/start");
    const insideOther = encodeCommentAnchor({
      start: Y.createRelativePositionFromTypeIndex(other, 0),
      end: Y.createRelativePositionFromTypeIndex(other, 3),
    });
    expect(fieldOf(() => new DraftAnchors(ydoc).check(decodeCommentAnchor(insideOther)))).toBe("validation_failed /anchor/start");
    const map = ydoc.getMap("accord");
    const nested = new Y.Text("nested");
    map.set("x", nested);
    const inNested = encodeCommentAnchor({
      start: Y.createRelativePositionFromTypeIndex(nested, 0),
      end: Y.createRelativePositionFromTypeIndex(nested, 3),
    });
    expect(fieldOf(() => new DraftAnchors(ydoc).check(decodeCommentAnchor(inNested)))).toBe("validation_failed /anchor/start");
  });

  it.each([
    ["an empty string", ""],
    ["text that is not base64", "not base64!"],
    ["base64 of nothing Yjs writes", "/////w=="],
    ["a valid position with trailing bytes", "AAEBAAA="],
    ["a padded varint", "AIEAAQA="],
    ["an unknown position kind", "BwE="],
    ["something far too long", "A".repeat(400)],
  ])("refuses %s", (_name, start) => {
    const good = anchorAround(draft(), "every stop");
    expect(fieldOf(() => decodeCommentAnchor({ start, end: good.end }))).toBe("validation_failed /anchor/start");
    expect(fieldOf(() => decodeCommentAnchor({ start: good.start, end: start }))).toBe("validation_failed /anchor/end");
  });

  it("round-trips what Yjs encodes", () => {
    const anchor = anchorAround(draft(), "every stop");
    expect(encodeCommentAnchor(decodeCommentAnchor(anchor))).toEqual(anchor);
  });
});
