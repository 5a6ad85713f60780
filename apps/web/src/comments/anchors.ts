import type { ThreadAnchor } from "@accord/api-contract";
import type { EditorState } from "prosemirror-state";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "y-prosemirror";
import * as Y from "yjs";
import { decodeBase64 } from "../api.js";

/**
 * Comment anchors: a range of the draft held as two Yjs relative positions, so that it follows the text
 * while others edit, and travels to the server as base64.
 */

/** y-prosemirror's map from Yjs types to the ProseMirror nodes drawn from them (the binding keeps it). */
export type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** What resolving an anchor needs: the Yjs document, its ProseMirror fragment and the binding's mapping. */
export interface AnchorContext {
  ydoc: Y.Doc;
  fragment: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

/** An anchor decoded once, so it is not parsed again on every keystroke. */
export interface DecodedAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * Where an anchor is now: a range of the current document, "gone" when its text was deleted, or
 * "unknown" while this browser has not yet received the text it points into (the draft is still loading).
 */
export type AnchorPlace = { kind: "range"; from: number; to: number } | { kind: "gone" } | { kind: "unknown" };

/** The most characters a thread's quote keeps (the API refuses longer ones). */
export const maxQuoteLength = 1000;

/** Standard base64 of bytes, as the API encodes binary values. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The anchor context of a live editor, or null before y-prosemirror has bound it to the document. */
export function anchorContextOf(state: EditorState): AnchorContext | null {
  const sync = ySyncPluginKey.getState(state) as
    { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: ProsemirrorMapping } | null } | undefined;
  if (!sync?.doc || !sync.type || !sync.binding) return null;
  return { ydoc: sync.doc, fragment: sync.type, mapping: sync.binding.mapping };
}

/** The anchor of the ProseMirror range from..to, as the API stores it. */
export function encodeAnchor(from: number, to: number, context: AnchorContext): ThreadAnchor {
  const encode = (position: number) =>
    encodeBase64(
      Y.encodeRelativePosition(absolutePositionToRelativePosition(position, context.fragment, context.mapping) as Y.RelativePosition),
    );
  return { start: encode(from), end: encode(to) };
}

/** Decodes an anchor from the API; null when its bytes are not relative positions (never from Accord). */
export function decodeAnchor(anchor: ThreadAnchor): DecodedAnchor | null {
  try {
    return {
      start: Y.decodeRelativePosition(decodeBase64(anchor.start)),
      end: Y.decodeRelativePosition(decodeBase64(anchor.end)),
    };
  } catch {
    return null;
  }
}

/** True when the item a position names is not (yet) in this document: its author's updates have not arrived. */
function pointsAheadOfDocument(position: Y.RelativePosition, ydoc: Y.Doc): boolean {
  const id = position.item ?? position.type;
  return id !== null && Y.getState(ydoc.store, id.client) <= id.clock;
}

/**
 * True when the position sits inside a deleted element (a whole paragraph or list was removed). Yjs
 * still resolves such a position to index 0 of the dead element, and y-prosemirror would then turn it
 * into a number that points somewhere unrelated.
 */
function insideDeletedContent(position: Y.RelativePosition, context: AnchorContext): boolean {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, context.ydoc);
  if (absolute === null) return true;
  let item = absolute.type._item;
  while (item !== null) {
    if (item.deleted) return true;
    const parent = item.parent;
    if (parent === context.fragment || !(parent instanceof Y.AbstractType)) break;
    item = parent._item;
  }
  return false;
}

/** One end of an anchor in the current document, or null when its text is gone. */
function resolvePosition(position: Y.RelativePosition, context: AnchorContext): number | null {
  if (insideDeletedContent(position, context)) return null;
  try {
    return relativePositionToAbsolutePosition(context.ydoc, context.fragment, position, context.mapping);
  } catch {
    // The mapping lacks a node the position passes (drawn a moment later); "gone" is wrong only briefly.
    return null;
  }
}

/**
 * Where a decoded anchor is in the current document. A range that collapsed to nothing means all of its
 * text was deleted: the thread then belongs to "on deleted text", with its quote.
 */
export function resolveAnchor(anchor: DecodedAnchor, context: AnchorContext, documentSize: number): AnchorPlace {
  if (pointsAheadOfDocument(anchor.start, context.ydoc) || pointsAheadOfDocument(anchor.end, context.ydoc)) {
    return { kind: "unknown" };
  }
  const from = resolvePosition(anchor.start, context);
  const to = resolvePosition(anchor.end, context);
  if (from === null || to === null) return { kind: "gone" };
  const clampedFrom = Math.max(0, Math.min(from, documentSize));
  const clampedTo = Math.max(0, Math.min(to, documentSize));
  if (clampedTo <= clampedFrom) return { kind: "gone" };
  return { kind: "range", from: clampedFrom, to: clampedTo };
}

/** The selected text a new thread quotes: block breaks as newlines, trimmed, at most 1000 characters. */
export function quoteOf(state: EditorState, from: number, to: number): string {
  return state.doc.textBetween(from, to, "\n", " ").trim().slice(0, maxQuoteLength);
}
