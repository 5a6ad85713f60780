import { policySchema, type HeadingLevel } from "@accord/policy-schema";
import { lift, setBlockType, toggleMark, wrapIn } from "prosemirror-commands";
import type { MarkType, NodeType } from "prosemirror-model";
import type { Command, EditorState } from "prosemirror-state";
import { liftListItem, wrapInList } from "prosemirror-schema-list";
import { redoCommand, undoCommand } from "y-prosemirror";

/**
 * The editing commands of the toolbar and the keyboard, and whether each applies to the current
 * selection. Pure functions of the editor state, so the toolbar's enablement is tested without a browser.
 */

const { nodes, marks } = policySchema;

/** The toolbar's commands, by name. */
export type ToolbarCommandName =
  | "strong"
  | "em"
  | "underline"
  | "heading1"
  | "heading2"
  | "heading3"
  | "paragraph"
  | "bulletList"
  | "orderedList"
  | "blockquote"
  | "removeLink"
  | "undo"
  | "redo";

/** True when the mark is on the whole selection, or on the caret's stored or inherited marks. */
export function isMarkActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

/** True when the selection sits in a textblock of this type (and, for headings, this level). */
function isBlockActive(state: EditorState, type: NodeType, attrs?: Record<string, unknown>): boolean {
  const { $from, to } = state.selection;
  const parent = $from.parent;
  if (parent.type !== type || to > $from.end()) return false;
  return !attrs || Object.entries(attrs).every(([name, value]) => parent.attrs[name] === value);
}

/** The depth of the nearest ancestor of this type around the selection, or -1. */
function ancestorDepth(state: EditorState, type: NodeType): number {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type === type) return depth;
  }
  return -1;
}

/** The list type the selection is directly in (its innermost list), or null. */
function innermostList(state: EditorState): NodeType | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const type = $from.node(depth).type;
    if (type === nodes.bullet_list || type === nodes.ordered_list) return type;
  }
  return null;
}

/** A list button: wraps in the list, or lifts out of it when already in that kind of list. */
function toggleList(type: NodeType): Command {
  return (state, dispatch) =>
    innermostList(state) === type ? liftListItem(nodes.list_item)(state, dispatch) : wrapInList(type)(state, dispatch);
}

/** A heading button: makes the block that heading, or plain text again when it already is one. */
function toggleHeading(level: HeadingLevel): Command {
  return (state, dispatch) =>
    isBlockActive(state, nodes.heading, { level })
      ? setBlockType(nodes.paragraph)(state, dispatch)
      : setBlockType(nodes.heading, { level })(state, dispatch);
}

/** The quote button: wraps in a quote, or lifts out of one. */
const toggleBlockquote: Command = (state, dispatch) =>
  ancestorDepth(state, nodes.blockquote) > 0 ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);

/** The range of the link mark around the caret or selection start, or null when there is none. */
export function linkRange(state: EditorState): { from: number; to: number; href: string } | null {
  const { $from, from, to, empty } = state.selection;
  if (!empty) {
    const hrefs: string[] = [];
    state.doc.nodesBetween(from, to, (node) => {
      const link = marks.link.isInSet(node.marks);
      if (link) hrefs.push(link.attrs["href"] as string);
    });
    const href = hrefs[0];
    return href === undefined ? null : { from, to, href };
  }
  // An empty selection takes the whole link it sits in (or just after), so "Unlink" needs no
  // selecting first: find the run of text nodes carrying that link which contains the caret.
  const parent = $from.parent;
  const before = $from.nodeBefore;
  // Links are not inclusive, so at a link's end $from.marks() lacks it; the text just before has it.
  const link = marks.link.isInSet($from.marks()) ?? (before ? marks.link.isInSet(before.marks) : undefined);
  if (!link) return null;
  const start = $from.start();
  let offset = 0;
  let runFrom = -1;
  for (let childIndex = 0; childIndex < parent.childCount; childIndex++) {
    const child = parent.child(childIndex);
    const childFrom = start + offset;
    offset += child.nodeSize;
    if (!link.isInSet(child.marks)) {
      runFrom = -1;
      continue;
    }
    if (runFrom === -1) runFrom = childFrom;
    const next = childIndex + 1 < parent.childCount ? parent.child(childIndex + 1) : null;
    const runEnds = !next || !link.isInSet(next.marks);
    if (runEnds && from >= runFrom && from <= childFrom + child.nodeSize) {
      return { from: runFrom, to: childFrom + child.nodeSize, href: link.attrs["href"] as string };
    }
  }
  return null;
}

/** Removes the link around the caret or in the selection. */
export const removeLink: Command = (state, dispatch) => {
  const range = linkRange(state);
  if (!range) return false;
  dispatch?.(state.tr.removeMark(range.from, range.to, marks.link).scrollIntoView());
  return true;
};

/** Links the selected text to `href` (already checked with isAllowedHref). */
export function setLink(href: string): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (empty) return false;
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, marks.link).addMark(from, to, marks.link.create({ href }));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Whether a link can be added: something is selected, and links are allowed there. */
export function canLink(state: EditorState): boolean {
  return !state.selection.empty && toggleMark(marks.link, { href: "https://example.org" })(state);
}

/** The command behind each toolbar button. */
export const toolbarCommands: Record<ToolbarCommandName, Command> = {
  strong: toggleMark(marks.strong),
  em: toggleMark(marks.em),
  underline: toggleMark(marks.underline),
  heading1: toggleHeading(1),
  heading2: toggleHeading(2),
  heading3: toggleHeading(3),
  paragraph: setBlockType(nodes.paragraph),
  bulletList: toggleList(nodes.bullet_list),
  orderedList: toggleList(nodes.ordered_list),
  blockquote: toggleBlockquote,
  removeLink,
  undo: undoCommand,
  redo: redoCommand,
};

/** One button's state: whether it would do anything, and whether it is "on" (null: not a toggle). */
export interface ButtonState {
  enabled: boolean;
  active: boolean | null;
}

/** Every toolbar button's state for the current editor state. */
export function toolbarState(state: EditorState): Record<ToolbarCommandName | "link", ButtonState> {
  const enabled = (name: ToolbarCommandName) => Boolean(toolbarCommands[name](state));
  const list = innermostList(state);
  return {
    strong: { enabled: enabled("strong"), active: isMarkActive(state, marks.strong) },
    em: { enabled: enabled("em"), active: isMarkActive(state, marks.em) },
    underline: { enabled: enabled("underline"), active: isMarkActive(state, marks.underline) },
    heading1: { enabled: enabled("heading1"), active: isBlockActive(state, nodes.heading, { level: 1 }) },
    heading2: { enabled: enabled("heading2"), active: isBlockActive(state, nodes.heading, { level: 2 }) },
    heading3: { enabled: enabled("heading3"), active: isBlockActive(state, nodes.heading, { level: 3 }) },
    paragraph: { enabled: enabled("paragraph"), active: null },
    bulletList: { enabled: enabled("bulletList"), active: list === nodes.bullet_list },
    orderedList: { enabled: enabled("orderedList"), active: list === nodes.ordered_list },
    blockquote: { enabled: enabled("blockquote"), active: ancestorDepth(state, nodes.blockquote) > 0 },
    link: { enabled: canLink(state), active: linkRange(state) !== null },
    removeLink: { enabled: enabled("removeLink"), active: null },
    undo: { enabled: enabled("undo"), active: null },
    redo: { enabled: enabled("redo"), active: null },
  };
}
