import type { Attrs } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import { ReplaceStep } from "prosemirror-transform";
import { absolutePositionToRelativePosition, ySyncPluginKey, type ProsemirrorBinding } from "y-prosemirror";
import * as Y from "yjs";

/**
 * Writes text I type into Yjs at the exact place I typed it.
 *
 * y-prosemirror does not know where a change was made: after each change it compares each paragraph's
 * old and new text and inserts what differs where the two texts stop matching from the left. When the
 * letter I type equals the letter just after my caret, the comparison matches it against that letter
 * and takes my letter as typed one place further on. Alone in a paragraph that is harmless (the two
 * letters are the same), but when the letter after my caret is someone else's, typed at the same spot
 * ("Officer" beside "Citizen", a space beside a space), my letter lands inside their words and my caret
 * after it, and the words tangle.
 *
 * So a plain insertion of text (typing, or pasting text into one paragraph) is written here first, at
 * the Yjs index of the ProseMirror position where the step inserted it, with the same attributes
 * y-prosemirror gives marks. y-prosemirror's own write then finds the texts equal and changes nothing.
 * Anything else (deletions, several steps, new paragraphs, marks that may overlap) is left to it.
 */

/** One run of typed text with the Yjs attributes of its marks. */
interface TypedRun {
  text: string;
  attributes: Record<string, Attrs>;
}

/** Text inserted at one ProseMirror position (in the document before the insertion), in runs of equal marks. */
export interface TypedText {
  pos: number;
  runs: TypedRun[];
  /** Whether my undo takes it back (false for changes a command marks as not for the history). */
  addToHistory: boolean;
}

/**
 * The text that a dispatch of `transactions` (as `EditorState.applyTransaction` returns them) inserted,
 * when that is all it did to the document: one transaction changing the document, with one step that
 * inserts marked text inside a paragraph or heading and replaces nothing. Null for anything else.
 */
export function typedTextOf(transactions: readonly Transaction[]): TypedText | null {
  const changing = transactions.filter((transaction) => transaction.docChanged);
  const [transaction] = changing;
  // y-prosemirror's own transactions render Yjs into ProseMirror: nothing to write back.
  if (changing.length !== 1 || transaction === undefined || transaction.getMeta(ySyncPluginKey) !== undefined) return null;
  const [step] = transaction.steps;
  if (transaction.steps.length !== 1 || !(step instanceof ReplaceStep) || step.from !== step.to) return null;
  const { slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0 || slice.size === 0) return null;
  const before = transaction.docs[0];
  if (before === undefined || !before.resolve(step.from).parent.isTextblock) return null;
  const runs: TypedRun[] = [];
  for (let index = 0; index < slice.content.childCount; index++) {
    const child = slice.content.child(index);
    if (!child.isText || child.text === undefined) return null;
    // y-prosemirror names an attribute after its mark, unless the mark may overlap itself (then the name
    // carries a hash of the mark); the policy schema has no such mark, and one would be left to it.
    if (child.marks.some((mark) => !mark.type.excludes(mark.type))) return null;
    runs.push({ text: child.text, attributes: Object.fromEntries(child.marks.map((mark) => [mark.type.name, mark.attrs])) });
  }
  return { pos: step.from, runs, addToHistory: transaction.getMeta("addToHistory") !== false };
}

/**
 * Writes `typed` into the Yjs text at its position, in one Yjs transaction of y-prosemirror's origin (so
 * my undo takes it back as it would y-prosemirror's write). Call it with the binding still matching the
 * document before the insertion, that is before the view takes the new state. Returns whether it wrote:
 * not when the position is not inside a Yjs text (an empty paragraph has none yet), nor while the
 * binding is busy rendering a change from elsewhere.
 */
export function writeTypedText(binding: Pick<ProsemirrorBinding, "doc" | "type" | "mapping" | "mux">, typed: TypedText): boolean {
  const relative = absolutePositionToRelativePosition(typed.pos, binding.type, binding.mapping) as Y.RelativePosition;
  const place = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  if (place === null || !(place.type instanceof Y.XmlText)) return false;
  const text = place.type;
  let written = false;
  // Inside the binding's mutex, y-prosemirror's observer does not render this write back into the
  // editor, which is about to show it anyway.
  binding.mux(() => {
    binding.doc.transact((transaction) => {
      transaction.meta.set("addToHistory", typed.addToHistory);
      let index = place.index;
      for (const run of typed.runs) {
        text.insert(index, run.text, run.attributes);
        index += run.text.length;
      }
    }, ySyncPluginKey);
    written = true;
  });
  return written;
}

/**
 * For the editor's dispatch: writes the typed text of `transactions` into Yjs when there is some, and
 * the editor is bound to Yjs and showing the live draft (not a snapshot).
 */
export function writeTypedTextOf(state: EditorState, transactions: readonly Transaction[]): boolean {
  const syncState = ySyncPluginKey.getState(state) as
    { binding?: ProsemirrorBinding; snapshot?: unknown; prevSnapshot?: unknown } | undefined;
  const binding = syncState?.binding;
  if (binding === undefined || syncState?.snapshot != null || syncState?.prevSnapshot != null) return false;
  const typed = typedTextOf(transactions);
  return typed !== null && writeTypedText(binding, typed);
}
