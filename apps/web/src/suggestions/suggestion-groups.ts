import { sectionAt, type PendingSuggestion, type SectionNumber } from "@accord/policy-schema";
import type { SuggestionDisplayKind } from "./suggestion-wording.js";

/**
 * The pending suggestions of the live document as the suggestions panel lists them: one item per
 * suggestion id (a deletion and an insertion sharing an id are one replacement, decided together, as
 * the server decides by id), grouped by author, in document order.
 */

/** One suggestion as the panel shows it. */
export interface SuggestionItem {
  id: string;
  kind: SuggestionDisplayKind;
  /** The user id of its author. */
  author: string;
  affiliation: string | null;
  /** When it was suggested (ISO); for a replacement, its earlier part's time. */
  time: string;
  insertedText: string | null;
  deletedText: string | null;
  /** The document range covering all its parts. */
  from: number;
  to: number;
  /** The number of the section it sits in ("4.2"), or null before the first heading. */
  section: string | null;
}

/** One author's suggestions. */
export interface AuthorSuggestions {
  author: string;
  /** The affiliation of their first suggestion (it is recorded on each one). */
  affiliation: string | null;
  items: SuggestionItem[];
}

/** One item per suggestion id, in document order of first appearance. */
export function suggestionItems(pending: readonly PendingSuggestion[], sections: readonly SectionNumber[]): SuggestionItem[] {
  const byId = new Map<string, SuggestionItem>();
  for (const part of pending) {
    const existing = byId.get(part.id);
    if (!existing) {
      byId.set(part.id, {
        id: part.id,
        kind: part.kind,
        author: part.author,
        affiliation: part.affiliation,
        time: part.time,
        insertedText: part.kind === "insertion" ? part.text : null,
        deletedText: part.kind === "deletion" ? part.text : null,
        from: part.from,
        to: part.to,
        section: sectionAt(sections, part.from),
      });
      continue;
    }
    if (part.kind === "insertion") existing.insertedText = part.text;
    else existing.deletedText = part.text;
    existing.kind = existing.insertedText !== null && existing.deletedText !== null ? "replacement" : existing.kind;
    existing.from = Math.min(existing.from, part.from);
    existing.to = Math.max(existing.to, part.to);
    existing.section = sectionAt(sections, existing.from);
    if (part.time < existing.time) existing.time = part.time;
  }
  return [...byId.values()].sort((a, b) => a.from - b.from);
}

/** The items grouped by author, authors in the order their first suggestion appears in the document. */
export function groupByAuthor(items: readonly SuggestionItem[]): AuthorSuggestions[] {
  const groups = new Map<string, AuthorSuggestions>();
  for (const item of items) {
    const group = groups.get(item.author);
    if (group) group.items.push(item);
    else groups.set(item.author, { author: item.author, affiliation: item.affiliation, items: [item] });
  }
  return [...groups.values()];
}

/** The document range of one suggestion id in a document's pending suggestions, or null once it is gone. */
export function rangeOfSuggestion(pending: readonly PendingSuggestion[], id: string): { from: number; to: number } | null {
  let range: { from: number; to: number } | null = null;
  for (const part of pending) {
    if (part.id !== id) continue;
    range = range ? { from: Math.min(range.from, part.from), to: Math.max(range.to, part.to) } : { from: part.from, to: part.to };
  }
  return range;
}
