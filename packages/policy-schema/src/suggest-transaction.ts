import { Fragment, Slice, type Mark, type Node } from "prosemirror-model";
import { TextSelection, type EditorState, type Selection, type Transaction } from "prosemirror-state";
import { Mapping, ReplaceStep, type Mappable, type Step } from "prosemirror-transform";
import { policySchema } from "./schema.js";
import { isSuggestionMark, suggestionAttrsOf, suggestionMarkOf, type SuggestionAttrs } from "./suggestions.js";

// Suggestion mode, on the editor's side. The server refuses any update from a suggest-only member
// that does more than: insert text carrying their own insertion mark, remove text carrying their own
// insertion mark, add or remove their own deletion mark. This module turns what a person typed into
// exactly such a change, or refuses it (null). Safety comes from how each part of a removed range is
// treated, never from position arithmetic: plain text is only ever marked, others' suggestions are
// never touched, and only text carrying the suggester's own insertion mark is really deleted.

/** Who is suggesting: their user id and their affiliation in the working group (null for none). */
export interface Suggester {
  userId: string;
  affiliation: string | null;
}

// The transaction metadata that the view, the history and paste handling read, carried over.
const carriedMeta = ["uiEvent", "paste", "composition", "addToHistory", "pointer"] as const;

/** One step of the person's transaction: inline content `inserted` in place of `from`–`to` of a textblock. */
interface TextblockEdit {
  from: number;
  to: number;
  inserted: Fragment;
}

/**
 * Turns a transaction a person made in suggestion mode into one that suggests the same change:
 * returns the new transaction (built from `state.tr`), or null when the change cannot be expressed
 * as a suggestion (the caller then drops it and tells the person why). A transaction that leaves the
 * document alone is returned as it is: stored marks only shape text typed later, which comes back here.
 */
export function toSuggestionTransaction(
  state: EditorState,
  tr: Transaction,
  suggester: Suggester,
  now: Date,
  newId: () => string,
): Transaction | null {
  if (!tr.docChanged) return tr;
  if (state.schema !== policySchema) throw new RangeError("Suggestion mode works only on documents of the policy schema.");
  const edits: TextblockEdit[] = [];
  for (const [index, step] of tr.steps.entries()) {
    const edit = textblockEdit(step, tr.docs[index]!, tr.docs[index + 1] ?? tr.doc);
    if (!edit) return null;
    edits.push(edit);
  }

  const result = state.tr;
  // For each original step already turned into a suggestion, the index in `result.mapping` of the step
  // that inserted its content (content and size are the same; only the marks differ).
  const insertionMaps = new Map<number, number>();
  const context: SuggestionContext = { userId: suggester.userId, affiliation: suggester.affiliation, time: now.toISOString(), newId };
  for (const [index, edit] of edits.entries()) {
    if (edit.from === edit.to && edit.inserted.size === 0) continue;
    const toResult = mappingToResult(tr, index, result, insertionMaps);
    // The range shrinks at its edges (content the person's transaction inserted at a boundary stays
    // outside it); an insertion point goes after whatever now sits there, such as text just struck.
    const from = toResult.map(edit.from, 1);
    const to = edit.from === edit.to ? from : toResult.map(edit.to, -1);
    const $from = result.doc.resolve(from);
    if (from > to || !$from.sameParent(result.doc.resolve(to)) || !$from.parent.isTextblock) return null;

    const stepsBefore = result.steps.length;
    if (from < to) removeAsSuggestion(result, from, to, context);
    if (edit.inserted.size > 0) {
      const at = result.mapping.slice(stepsBefore).map(to, 1);
      if (!insertAsSuggestion(result, at, edit.inserted, context)) return null;
      insertionMaps.set(index, result.steps.length - 1);
    }
  }

  const selectionMapping = mappingToResult(tr, edits.length, result, insertionMaps);
  result.setSelection(mapSelection(tr.selection, result.doc, selectionMapping, caretSide(state, tr, edits)));
  if (tr.storedMarksSet) result.setStoredMarks(tr.storedMarks?.filter((mark) => !isSuggestionMark(mark)) ?? null);
  for (const key of carriedMeta) {
    const value: unknown = tr.getMeta(key);
    if (value !== undefined) result.setMeta(key, value);
  }
  result.setTime(tr.time);
  if (tr.scrolledIntoView) result.scrollIntoView();
  return result;
}

/**
 * The step as an edit of one textblock's inline content, or null for anything else: formatting
 * (mark steps), wrapping (ReplaceAroundStep), splits, joins, steps across blocks, block content.
 */
function textblockEdit(step: Step, before: Node, after: Node): TextblockEdit | null {
  if (!(step instanceof ReplaceStep)) return null;
  const $from = before.resolve(step.from);
  if (!$from.sameParent(before.resolve(step.to)) || !$from.parent.isTextblock) return null;
  const inserted = inlineContent(step.slice);
  if (!inserted) return null;
  // An open slice (text copied out of another paragraph or a heading) merges into the textblock; the
  // step counts only if it did exactly what inserting its inline content would have done.
  try {
    if (!before.replace(step.from, step.to, new Slice(inserted, 0, 0)).eq(after)) return null;
  } catch {
    return null;
  }
  return { from: step.from, to: step.to, inserted };
}

/** The inline content of a slice that is nothing but inline content, however deeply opened; else null. */
function inlineContent(slice: Slice): Fragment | null {
  if (slice.openStart !== slice.openEnd) return null;
  let content = slice.content;
  for (let depth = 0; depth < slice.openStart; depth++) {
    if (content.childCount !== 1) return null;
    content = content.firstChild!.content;
  }
  let inline = true;
  content.forEach((node) => {
    if (!node.isInline) inline = false;
  });
  return inline ? content : null;
}

/**
 * Maps positions of the document before original step `index` to the result's current document: back
 * through the original steps before it, then forward through the result's steps. Each original step's
 * inverted map mirrors the result step that re-inserted its content, so a position inside text the
 * person's transaction inserted lands at the same offset in the suggested copy of that text.
 */
function mappingToResult(tr: Transaction, index: number, result: Transaction, insertionMaps: Map<number, number>): Mapping {
  const mapping = new Mapping();
  for (let step = index - 1; step >= 0; step--) mapping.appendMap(tr.mapping.maps[step]!.invert());
  const resultMaps = result.mapping.maps;
  const mirrorOf = new Map<number, number>();
  for (const [step, resultIndex] of insertionMaps) if (step < index) mirrorOf.set(resultIndex, index - 1 - step);
  resultMaps.forEach((map, resultIndex) => mapping.appendMap(map, mirrorOf.get(resultIndex)));
  return mapping;
}

interface SuggestionContext {
  userId: string;
  affiliation: string | null;
  time: string;
  newId: () => string;
}

type PartTreatment = "remove" | "strike" | "keep";

// Text carrying the suggester's own insertion is really removed; plain text is struck; anything
// already struck, and anyone else's insertion, is left exactly as it is (the server forbids touching it).
function treatmentOf(node: Node, userId: string): PartTreatment {
  const mark = suggestionMarkOf(node);
  if (!mark) return "strike";
  return mark.type === policySchema.marks.insertion && suggestionAttrsOf(mark).author === userId ? "remove" : "keep";
}

/** Suggests removing `from`–`to` (inside one textblock of `tr.doc`). */
function removeAsSuggestion(tr: Transaction, from: number, to: number, context: SuggestionContext): void {
  const parts: { from: number; to: number; treatment: PartTreatment }[] = [];
  const neighbours: (Node | null)[] = [tr.doc.resolve(from).nodeBefore, tr.doc.resolve(to).nodeAfter];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    const part = { from: Math.max(pos, from), to: Math.min(pos + node.nodeSize, to), treatment: treatmentOf(node, context.userId) };
    const last = parts.at(-1);
    if (last && last.treatment === part.treatment && last.to === part.from) last.to = part.to;
    else parts.push(part);
    neighbours.push(node);
    return false;
  });
  const struck = parts.filter((part) => part.treatment === "strike");
  if (struck.length > 0) {
    // Striking next to one's own struck text extends that suggestion, so repeated Backspace is one.
    const attrs = reusableAttrs(neighbours, policySchema.marks.deletion, context) ?? freshAttrs(context);
    const mark = policySchema.marks.deletion.create(attrs);
    for (const part of struck) tr.addMark(part.from, part.to, mark);
  }
  // From the end backwards, so the earlier parts' positions stay valid.
  for (const part of parts.filter((candidate) => candidate.treatment === "remove").reverse()) {
    tr.step(new ReplaceStep(part.from, part.to, Slice.empty));
  }
}

/** Inserts `content` at `at` as the suggester's insertion, in one step; false when the textblock refuses it. */
function insertAsSuggestion(tr: Transaction, at: number, content: Fragment, context: SuggestionContext): boolean {
  const $at = tr.doc.resolve(at);
  // Typing on from one's own insertion continues that suggestion rather than starting another.
  const attrs = reusableAttrs([$at.nodeBefore, $at.nodeAfter], policySchema.marks.insertion, context) ?? freshAttrs(context);
  const mark = policySchema.marks.insertion.create(attrs);
  const nodes: Node[] = [];
  // Only text can carry the mark through Yjs: y-prosemirror keeps no marks on an inline node such as a
  // line break, so a suggested line break would arrive as a plain one, which the server refuses.
  let textOnly = true;
  content.forEach((node) => {
    if (!node.isText) textOnly = false;
  });
  if (!textOnly) return false;
  // New formatting is not a suggestion (the server refuses it from a suggest-only member): inserted text
  // keeps only the formatting it would have anyway where it lands, such as bold inside bold text.
  const formattingHere = $at.marks().filter((other) => !isSuggestionMark(other));
  content.forEach((node) => {
    const kept = node.marks.filter((other) => !isSuggestionMark(other) && other.isInSet(formattingHere));
    nodes.push(node.mark(mark.addToSet(kept)));
  });
  return !tr.maybeStep(new ReplaceStep(at, at, new Slice(Fragment.from(nodes), 0, 0))).failed;
}

/** The id and time of the first of `nodes` carrying the suggester's own mark of `type`, if any. */
function reusableAttrs(nodes: readonly (Node | null)[], type: Mark["type"], context: SuggestionContext): SuggestionAttrs | undefined {
  for (const node of nodes) {
    const mark = node ? suggestionMarkOf(node) : undefined;
    if (!mark || mark.type !== type) continue;
    const attrs = suggestionAttrsOf(mark);
    if (attrs.author === context.userId && attrs.affiliation === context.affiliation) return attrs;
  }
  return undefined;
}

function freshAttrs(context: SuggestionContext): SuggestionAttrs {
  return { id: context.newId(), author: context.userId, affiliation: context.affiliation, time: context.time };
}

/**
 * Which side of struck text the caret should land on: before it after Backspace (an empty selection at
 * the end of the removed range), so that repeated Backspace keeps going left; after it otherwise
 * (forward Delete, deleting a selection), and after inserted text (-1 keeps it inside that text).
 */
function caretSide(state: EditorState, tr: Transaction, edits: readonly TextblockEdit[]): -1 | 1 {
  const lastIndex = edits.length - 1;
  const last = edits[lastIndex]!;
  if (last.inserted.size > 0) return -1;
  // Built from the maps themselves: Mapping.invert ignores the bounds of a sliced mapping.
  const toStart = new Mapping(tr.mapping.maps.slice(0, lastIndex)).invert();
  const rangeEnd = toStart.map(last.to, -1);
  const selection = state.selection;
  return selection.empty && selection.head === rangeEnd && toStart.map(last.from, 1) < rangeEnd ? -1 : 1;
}

/** The transaction's selection in the result: a caret on `caretSide`, a range shrunk to its content. */
function mapSelection(selection: Selection, doc: Node, mapping: Mapping, caret: -1 | 1): Selection {
  if (selection instanceof TextSelection) {
    if (selection.empty) {
      const $caret = doc.resolve(mapping.map(selection.head, caret));
      return TextSelection.between($caret, $caret);
    }
    const forward = selection.anchor < selection.head;
    const anchor = mapping.map(selection.anchor, forward ? 1 : -1);
    const head = mapping.map(selection.head, forward ? -1 : 1);
    return TextSelection.between(doc.resolve(anchor), doc.resolve(head));
  }
  const onSide: Mappable = {
    map: (pos) => mapping.map(pos, caret),
    mapResult: (pos) => mapping.mapResult(pos, caret),
  };
  return selection.map(doc, onSide);
}
