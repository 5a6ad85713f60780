import type { Mark, Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { policySchema } from "./schema.js";

/** The two kinds of tracked change: text proposed for the policy, and policy text proposed for removal. */
export const suggestionKinds = ["insertion", "deletion"] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];

/** What every suggestion mark carries (see the mark specs in schema.ts). */
export interface SuggestionAttrs {
  id: string;
  /** The user id of the person who suggested it. */
  author: string;
  /** Their affiliation in the working group when they suggested it; null for someone without one. */
  affiliation: string | null;
  /** When the suggestion was made, as an ISO 8601 UTC instant. */
  time: string;
}

/** One pending suggestion: every run of text carrying the same kind of mark with the same id. */
export interface PendingSuggestion extends SuggestionAttrs {
  kind: SuggestionKind;
  /** The suggested (or struck) text, its parts joined in document order. */
  text: string;
  /** ProseMirror positions of the first part's start and the last part's end. */
  from: number;
  to: number;
}

/** True for the insertion and deletion marks. */
export function isSuggestionMark(mark: Mark): boolean {
  return mark.type.name === "insertion" || mark.type.name === "deletion";
}

/** The suggestion mark of a text node, if it has one (the two kinds exclude each other). */
export function suggestionMarkOf(node: Node): Mark | undefined {
  return node.marks.find(isSuggestionMark);
}

/** The attributes of a suggestion mark, typed. */
export function suggestionAttrsOf(mark: Mark): SuggestionAttrs {
  const attrs = mark.attrs as Record<string, unknown>;
  return {
    id: attrs["id"] as string,
    author: attrs["author"] as string,
    affiliation: (attrs["affiliation"] as string | null) ?? null,
    time: attrs["time"] as string,
  };
}

/** Every pending suggestion of a document, in document order of first appearance. */
export function collectSuggestions(doc: Node): PendingSuggestion[] {
  const byKey = new Map<string, PendingSuggestion>();
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = suggestionMarkOf(node);
    if (!mark) return false;
    const kind = mark.type.name as SuggestionKind;
    const attrs = suggestionAttrsOf(mark);
    const key = `${kind}:${attrs.id}`;
    const text = node.isText ? (node.text ?? "") : "\n";
    const existing = byKey.get(key);
    if (existing) {
      existing.text += text;
      existing.to = pos + node.nodeSize;
    } else {
      byKey.set(key, { ...attrs, kind, text, from: pos, to: pos + node.nodeSize });
    }
    return false;
  });
  return [...byKey.values()];
}

/** True when any text of the document is still a pending suggestion. */
export function hasSuggestions(doc: Node): boolean {
  let found = false;
  doc.descendants((node) => {
    if (found) return false;
    if (node.isInline && suggestionMarkOf(node)) found = true;
    return !found;
  });
  return found;
}

/** The ranges of inline content carrying a suggestion mark that `matches`, in document order. */
function suggestionRanges(doc: Node, matches: (kind: SuggestionKind, attrs: SuggestionAttrs) => boolean) {
  const ranges: { from: number; to: number; kind: SuggestionKind; mark: Mark }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = suggestionMarkOf(node);
    if (mark && matches(mark.type.name as SuggestionKind, suggestionAttrsOf(mark))) {
      ranges.push({ from: pos, to: pos + node.nodeSize, kind: mark.type.name as SuggestionKind, mark });
    }
    return false;
  });
  return ranges;
}

/**
 * The document with the chosen suggestions decided: an accepted insertion keeps its text and loses its
 * mark, a rejected one loses its text; an accepted deletion loses its text, a rejected one its mark.
 */
export function decideSuggestions(
  doc: Node,
  decision: "accept" | "reject",
  matches: (kind: SuggestionKind, attrs: SuggestionAttrs) => boolean,
): Node {
  const transform = new Transform(doc);
  // From the end backwards, so that earlier positions stay valid as text is removed.
  for (const range of suggestionRanges(doc, matches).reverse()) {
    const removesText = (range.kind === "insertion") === (decision === "reject");
    if (removesText) transform.delete(range.from, range.to);
    else transform.removeMark(range.from, range.to, range.mark);
  }
  return transform.doc;
}

/**
 * The policy text as it stands without any pending suggestion: suggested insertions left out, text
 * suggested for deletion kept. Pending suggestions never count as accepted text.
 */
export function acceptedDocument(doc: Node): Node {
  return decideSuggestions(doc, "reject", () => true);
}

/** The same as acceptedDocument, over the document's JSON. */
export function acceptedDocumentJSON(json: unknown): unknown {
  return acceptedDocument(policySchema.nodeFromJSON(json)).toJSON();
}
