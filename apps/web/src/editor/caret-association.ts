import type { Node } from "prosemirror-model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Selection } from "prosemirror-state";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from "y-prosemirror";
import * as Y from "yjs";

/**
 * Keeps each person's typing together when two people type at the same spot.
 *
 * When another person's change arrives, y-prosemirror re-renders the document and puts my caret back
 * from a Yjs relative position it took just before. It takes that position with assoc 0, which ties it
 * to the character *after* the caret (or to the end of the text). So when the other person's letter
 * lands exactly at my caret, my caret moves past it; my next letter goes after theirs, their caret
 * then moves past mine, and the two words come out braided letter by letter ("OCfiftiicezre"). Google
 * Docs ties the caret to the character *before* it, so another person's letters at my caret stay on
 * its far side and each person's run of typing stays contiguous.
 *
 * This plugin does the same: before a change from elsewhere is applied, it records my selection with
 * the caret tied to the character before it (assoc -1) and, once y-prosemirror has re-rendered, puts the
 * selection back from that record. Only changes from elsewhere (`transaction.local` false: the socket,
 * the offline copy) are handled; my own undo keeps y-prosemirror's placement.
 */

/** The relative positions type of Yjs, as y-prosemirror passes them around untyped. */
type RelativePosition = Y.RelativePosition;

/** What the plugins of y-prosemirror keep of the document's Yjs binding. */
type ProsemirrorMapping = ProsemirrorBinding["mapping"];

/** A text selection as Yjs relative positions, from before a change from elsewhere. */
export interface AnchoredSelection {
  anchor: RelativePosition;
  head: RelativePosition;
}

/**
 * The Yjs relative position of ProseMirror position `pos`, tied to what comes before it (assoc -1):
 * text inserted exactly at `pos` by someone else ends up after it. y-prosemirror finds the Yjs type and
 * index of the position; only the side it is tied to changes.
 */
export function relativePositionBefore(pos: number, fragment: Y.XmlFragment, mapping: ProsemirrorMapping): RelativePosition {
  const tiedAfter = absolutePositionToRelativePosition(pos, fragment, mapping) as RelativePosition;
  const ydoc = fragment.doc;
  const absolute = ydoc === null ? null : Y.createAbsolutePositionFromRelativePosition(tiedAfter, ydoc);
  if (absolute === null) return tiedAfter;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1);
}

/**
 * My text selection as relative positions that others' typing does not move: a caret is tied to the
 * character before it; a range keeps its start tied to the character after it (y-prosemirror's own
 * choice) and its end to the character before it, so text typed at either edge stays outside. Other
 * selections (a whole node, everything) are left to y-prosemirror: `null`.
 */
export function anchorSelection(selection: Selection, fragment: Y.XmlFragment, mapping: ProsemirrorMapping): AnchoredSelection | null {
  if (!(selection instanceof TextSelection)) return null;
  const { from, to, anchor } = selection;
  const fromPosition = selection.empty
    ? relativePositionBefore(from, fragment, mapping)
    : (absolutePositionToRelativePosition(from, fragment, mapping) as RelativePosition);
  const toPosition = relativePositionBefore(to, fragment, mapping);
  return anchor === from ? { anchor: fromPosition, head: toPosition } : { anchor: toPosition, head: fromPosition };
}

/** The selection an anchored selection stands for in `doc`, the re-rendered document; null if its text is gone. */
export function resolveAnchoredSelection(
  anchored: AnchoredSelection,
  doc: Node,
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
): Selection | null {
  const ydoc = fragment.doc;
  if (ydoc === null) return null;
  const anchor = relativePositionToAbsolutePosition(ydoc, fragment, anchored.anchor, mapping);
  const head = relativePositionToAbsolutePosition(ydoc, fragment, anchored.head, mapping);
  if (anchor === null || head === null || anchor > doc.content.size || head > doc.content.size) return null;
  return TextSelection.between(doc.resolve(anchor), doc.resolve(head));
}

const caretAssociationKey = new PluginKey("accord-caret-association");

/** Whether a ProseMirror transaction is y-prosemirror re-rendering a change that came from Yjs. */
function isRenderOfYjsChange(transaction: { getMeta(key: PluginKey): unknown }): boolean {
  const meta = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/** y-prosemirror's binding of this editor to its Yjs fragment (document, fragment, node mapping). */
function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const syncState = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return syncState?.binding ?? null;
}

/**
 * The plugin that keeps my caret before text others type at it (see above). Place it after
 * y-prosemirror's sync plugin.
 */
export function caretAssociationPlugin(): Plugin {
  // The selection taken before the current batch of Yjs transactions from elsewhere, until it ends.
  let before: AnchoredSelection | null = null;
  return new Plugin({
    key: caretAssociationKey,
    view(view) {
      const binding = bindingOf(view.state);
      if (binding === null) return {};
      const ydoc = binding.doc;
      const onBeforeTransaction = (transaction: Y.Transaction) => {
        // Taken once per batch, before the first change from elsewhere touches the document.
        if (transaction.local || before !== null) return;
        before = anchorSelection(view.state.selection, binding.type, binding.mapping);
      };
      const onAfterAllTransactions = () => {
        before = null;
      };
      ydoc.on("beforeTransaction", onBeforeTransaction);
      ydoc.on("afterAllTransactions", onAfterAllTransactions);
      return {
        destroy() {
          ydoc.off("beforeTransaction", onBeforeTransaction);
          ydoc.off("afterAllTransactions", onAfterAllTransactions);
          before = null;
        },
      };
    },
    // y-prosemirror dispatches its re-render (with its own caret placement) while the Yjs transaction
    // is still being cleaned up, before "afterAllTransactions": `before` is still the record of it.
    appendTransaction(transactions, _oldState, state) {
      if (before === null || !transactions.some(isRenderOfYjsChange)) return null;
      const binding = bindingOf(state);
      if (binding === null) return null;
      const selection = resolveAnchoredSelection(before, state.doc, binding.type, binding.mapping);
      if (selection === null || selection.eq(state.selection)) return null;
      return state.tr.setSelection(selection).setMeta("addToHistory", false);
    },
  });
}
