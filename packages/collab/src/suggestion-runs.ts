import * as Y from "yjs";
import {
  suggestionKinds,
  validateSuggestionAffiliation,
  validateSuggestionId,
  validateSuggestionTime,
  type SuggestionAttrs,
  type SuggestionKind,
} from "@accord/policy-schema";

// Pending suggestions as the Yjs document holds them. y-prosemirror stores the insertion and deletion
// marks as format attributes of Y.XmlText, named after the mark, whose value is the mark's attrs. The
// server decides suggestions directly on those runs (rather than rebuilding the document through
// ProseMirror), so that a decision is the smallest possible Yjs change: a removed format attribute or
// deleted characters, which merge cleanly with whatever others type at the same moment.

/** One run of text carrying a suggestion mark: where it is in its Y.XmlText, and what the mark says. */
export interface SuggestionRun extends SuggestionAttrs {
  kind: SuggestionKind;
  /** The Y.XmlText holding the run. */
  text: Y.XmlText;
  /** The run's offset in that Y.XmlText, as Y.Text counts (UTF-16 units; an embed counts 1). */
  index: number;
  length: number;
  /** The run's characters (an embed, which y-prosemirror never writes, reads as nothing). */
  content: string;
}

/** One pending suggestion: every run carrying the same kind of mark with the same id, its text joined. */
export interface FoundSuggestion extends SuggestionAttrs {
  kind: SuggestionKind;
  /** The suggested (or struck) text, its runs joined in document order. */
  text: string;
}

/** Which suggestions an editor decides: named ones, or all of one author's. */
export type SuggestionChoice = { suggestionIds: readonly string[] } | { authorId: string };

/** A decision as the document applies it. */
export type SuggestionDecision = "accept" | "reject";

// The attrs of a suggestion mark, or undefined when the value is not a well-formed one. Updates are
// checked against the schema before they are committed, so a malformed one cannot normally be there;
// if one were, it is not a suggestion anyone could have meant, and it is left alone.
function suggestionAttrsFrom(value: unknown): SuggestionAttrs | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const attrs = value as Record<string, unknown>;
  const { id, author, time } = attrs;
  const affiliation = attrs["affiliation"] ?? null;
  try {
    validateSuggestionId(id);
    validateSuggestionId(author);
    validateSuggestionAffiliation(affiliation);
    validateSuggestionTime(time);
    return { id, author, affiliation, time };
  } catch {
    return undefined;
  }
}

function collectRuns(text: Y.XmlText, runs: SuggestionRun[]): void {
  let index = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const content = typeof op.insert === "string" ? op.insert : "";
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    for (const kind of suggestionKinds) {
      const attrs = suggestionAttrsFrom(op.attributes?.[kind]);
      // The two marks exclude each other in ProseMirror, so a run carries at most one of them.
      if (attrs) {
        runs.push({ ...attrs, kind, text, index, length, content });
        break;
      }
    }
    index += length;
  }
}

/** Every run of text carrying a suggestion mark in the fragment, in document order. */
export function findSuggestionRuns(fragment: Y.XmlFragment | Y.XmlElement): SuggestionRun[] {
  const runs: SuggestionRun[] = [];
  const visit = (node: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) collectRuns(child, runs);
      else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  visit(fragment);
  return runs;
}

/** The key that makes runs one suggestion: the kind of mark and its id. */
function suggestionKey(kind: SuggestionKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * The pending suggestions the runs make up, in document order of their first run. Runs of one kind
 * with one id are one suggestion (typing a phrase gives one id to every run of it); the first run's
 * author, affiliation and time stand for the whole.
 */
export function groupSuggestionRuns(runs: readonly SuggestionRun[]): FoundSuggestion[] {
  const byKey = new Map<string, FoundSuggestion>();
  for (const run of runs) {
    const key = suggestionKey(run.kind, run.id);
    const existing = byKey.get(key);
    if (existing) existing.text += run.content;
    else
      byKey.set(key, { id: run.id, kind: run.kind, author: run.author, affiliation: run.affiliation, time: run.time, text: run.content });
  }
  return [...byKey.values()];
}

/**
 * The pending suggestions an editor's choice names: those with one of the ids (an insertion and a
 * deletion sharing an id, as a replacement does, are both chosen), or all of one author's. `unknownIds`
 * lists the ids no pending suggestion has; an author with no pending suggestion chooses nothing.
 */
export function chooseSuggestions(
  pending: readonly FoundSuggestion[],
  choice: SuggestionChoice,
): { chosen: FoundSuggestion[]; unknownIds: string[] } {
  if ("authorId" in choice) return { chosen: pending.filter((suggestion) => suggestion.author === choice.authorId), unknownIds: [] };
  const wanted = new Set(choice.suggestionIds);
  const known = new Set(pending.map((suggestion) => suggestion.id));
  return {
    chosen: pending.filter((suggestion) => wanted.has(suggestion.id)),
    unknownIds: [...wanted].filter((id) => !known.has(id)),
  };
}

/**
 * Applies a decision to the runs of the chosen suggestions, in place: an accepted insertion loses its
 * mark, a rejected one its text; an accepted deletion loses its text, a rejected one its mark. Call it
 * inside one transaction of the runs' document, with runs just found, before anything else changes it.
 */
export function decideSuggestionRuns(
  runs: readonly SuggestionRun[],
  decision: SuggestionDecision,
  chosen: readonly FoundSuggestion[],
): void {
  const keys = new Set(chosen.map((suggestion) => suggestionKey(suggestion.kind, suggestion.id)));
  // From the end backwards, so that the offsets of earlier runs in the same Y.XmlText stay valid.
  for (const run of [...runs].reverse()) {
    if (!keys.has(suggestionKey(run.kind, run.id))) continue;
    const removesText = (run.kind === "insertion") === (decision === "reject");
    if (removesText) run.text.delete(run.index, run.length);
    else run.text.format(run.index, run.length, { [run.kind]: null });
  }
}
