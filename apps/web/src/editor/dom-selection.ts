import { TextSelection, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";

/**
 * Puts the browser's selection in the draft into `tr` when the editor state does not have it yet.
 *
 * ProseMirror learns of a selection the browser made itself (Shift+Home, Shift+arrows) from the
 * `selectionchange` event, which the browser queues as an ordinary task; a busy Chromium runs input and
 * rendering first, so a shortcut pressed right after Shift+Home can be handled, and its result drawn,
 * while the state still holds the old caret. A shortcut that acts on the selection reads it here first.
 */
export function withSelectionFromDom(view: EditorView, tr: Transaction): Transaction {
  const selection = view.dom.ownerDocument.getSelection();
  const anchorNode = selection?.anchorNode;
  const focusNode = selection?.focusNode;
  if (!selection || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return tr;
  const anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
  const head = view.posAtDOM(focusNode, selection.focusOffset);
  if (tr.selection.anchor === anchor && tr.selection.head === head) return tr;
  return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
}
