import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition } from "y-prosemirror";
import type { Node as ProseMirrorNode } from "prosemirror-model";
import { AccordError } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import { contentFragmentName } from "./update-inspection.js";

/**
 * A comment thread's anchor as clients send it and the server stores it: base64 of two encoded Yjs
 * relative positions (`Y.encodeRelativePosition`), where the commented text starts and where it ends.
 * Clients compute them with y-prosemirror's `absolutePositionToRelativePosition(pos, fragment,
 * binding.mapping)`; relative positions follow the text while others edit.
 */
export interface EncodedCommentAnchor {
  start: string;
  end: string;
}

/** An anchor decoded: the two relative positions. */
export interface CommentAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/** Where an anchor sits in the ProseMirror document of a draft's current state: `from < to`. */
export interface AnchorRange {
  from: number;
  to: number;
}

/** An encoded relative position is a few varints; anything much longer is not one. */
export const maxEncodedAnchorLength = 200;

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function refuseEnd(path: string, end: "start" | "end", message: string): never {
  throw new AccordError("validation_failed", `The anchor's ${end} ${message}.`, {
    fields: [{ path: `${path}/${end}`, message }],
  });
}

function decodeEnd(path: string, end: "start" | "end", encoded: string): Y.RelativePosition {
  if (encoded.length === 0 || encoded.length > maxEncodedAnchorLength || !base64Pattern.test(encoded)) {
    refuseEnd(path, end, "is not the base64 of an encoded Yjs relative position");
  }
  const bytes = fromBase64(encoded);
  let position: Y.RelativePosition;
  let reencoded: Uint8Array;
  try {
    position = Y.decodeRelativePosition(bytes);
    reencoded = Y.encodeRelativePosition(position);
  } catch {
    refuseEnd(path, end, "is not an encoded Yjs relative position");
  }
  // Only the exact bytes Yjs itself writes are accepted: no trailing bytes, no padded varints.
  if (reencoded.length !== bytes.length || reencoded.some((byte, index) => byte !== bytes[index])) {
    refuseEnd(path, end, "is not an encoded Yjs relative position");
  }
  // A position named by a root type must name the content: resolving another name would create it.
  if (position.tname !== null && position.tname !== contentFragmentName) {
    refuseEnd(path, end, `points into "${position.tname}", not the draft's content`);
  }
  return position;
}

/**
 * Decodes an anchor, refusing (validation_failed, with the field) anything that is not exactly what
 * `Y.encodeRelativePosition` writes, or that names a root type other than the draft's content. Whether
 * the positions point into this draft's content is `DraftAnchors.check`'s business. `path` is where the
 * anchor sits in the request, for the refusal's field.
 */
export function decodeCommentAnchor(anchor: EncodedCommentAnchor, path = "/anchor"): CommentAnchor {
  return { start: decodeEnd(path, "start", anchor.start), end: decodeEnd(path, "end", anchor.end) };
}

/** Encodes an anchor for storage and transport (the inverse of `decodeCommentAnchor`). */
export function encodeCommentAnchor(anchor: CommentAnchor): EncodedCommentAnchor {
  const encode = (position: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(position));
  return { start: encode(anchor.start), end: encode(anchor.end) };
}

/**
 * The anchor of the range `from`–`to` (ProseMirror positions) of a draft's current text, made as the
 * editor makes it: y-prosemirror's relative positions over the draft's own mapping. For threads the
 * server starts itself (the demo's) and for tests.
 */
export function anchorForRange(ydoc: Y.Doc, from: number, to: number): EncodedCommentAnchor {
  const fragment = ydoc.getXmlFragment(contentFragmentName);
  const { mapping } = initProseMirrorDoc(fragment, policySchema);
  return encodeCommentAnchor({
    // y-prosemirror's typings answer `any` here; it is a Yjs relative position.
    start: absolutePositionToRelativePosition(from, fragment, mapping) as Y.RelativePosition,
    end: absolutePositionToRelativePosition(to, fragment, mapping) as Y.RelativePosition,
  });
}

/**
 * Anchors resolved against one state of a draft. The ProseMirror document and y-prosemirror's mapping
 * are built once, so one request can resolve every thread of a policy cheaply. Reads the Y.Doc only.
 */
export class DraftAnchors {
  /** The draft's content as ProseMirror sees it. */
  readonly doc: ProseMirrorNode;
  private readonly fragment: Y.XmlFragment;
  private readonly mapping: Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>;

  constructor(private readonly ydoc: Y.Doc) {
    this.fragment = ydoc.getXmlFragment(contentFragmentName);
    const { doc, mapping } = initProseMirrorDoc(this.fragment, policySchema);
    this.doc = doc;
    this.mapping = mapping as Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>;
  }

  /** The ProseMirror position of one end, or null when it does not resolve inside the draft's content. */
  positionOf(position: Y.RelativePosition): number | null {
    try {
      const absolute = Y.createAbsolutePositionFromRelativePosition(position, this.ydoc);
      if (!absolute) return null;
      // Positions inside something other than the content (the server's own map) are not anchors.
      if (absolute.type !== this.fragment && !Y.isParentOf(this.fragment, absolute.type._item)) return null;
      return relativePositionToAbsolutePosition(this.ydoc, this.fragment, position, this.mapping);
    } catch {
      // A position naming items the mapping does not know (never in a committed draft) resolves nowhere.
      return null;
    }
  }

  /** The range an anchor covers now, or null when either end no longer resolves or it covers nothing. */
  resolve(anchor: CommentAnchor): AnchorRange | null {
    const from = this.positionOf(anchor.start);
    const to = this.positionOf(anchor.end);
    if (from === null || to === null || from >= to) return null;
    return { from, to };
  }

  /**
   * True when the commented text no longer exists: an end no longer resolves, or the range resolves to
   * nothing, an empty or a reversed range (both ends of deleted text fall together where it was).
   */
  isOnDeletedText(anchor: CommentAnchor): boolean {
    const range = this.resolve(anchor);
    return range === null || this.textOf(range).length === 0;
  }

  /** The text an anchor's range covers now (blocks separated by a newline). */
  textOf(range: AnchorRange): string {
    return this.doc.textBetween(range.from, range.to, "\n");
  }

  /**
   * Checks a new thread's anchor against the draft: both ends must resolve inside its content and
   * cover some text. Throws validation_failed (with the field under `path`) otherwise; returns the range.
   */
  check(anchor: CommentAnchor, path = "/anchor"): AnchorRange {
    const from = this.positionOf(anchor.start);
    if (from === null) refuseEnd(path, "start", "does not point into the draft's text");
    const to = this.positionOf(anchor.end);
    if (to === null) refuseEnd(path, "end", "does not point into the draft's text");
    if (from >= to || this.textOf({ from, to }).length === 0) {
      refuseEnd(path, "end", "must come after the start, with text between them");
    }
    return { from, to };
  }
}
