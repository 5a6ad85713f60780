import { policySchema } from "@accord/policy-schema";
import { baseKeymap, setBlockType, toggleMark } from "prosemirror-commands";
import { InputRule, inputRules, textblockTypeInputRule, undoInputRule, wrappingInputRule } from "prosemirror-inputrules";
import { keymap } from "prosemirror-keymap";
import type { Node } from "prosemirror-model";
import type { Command, Plugin } from "prosemirror-state";
import { liftListItem, sinkListItem, splitListItem } from "prosemirror-schema-list";
import type { NodeViewConstructor } from "prosemirror-view";
import { redoCommand, undoCommand, yCursorPlugin, ySyncPlugin, yUndoPlugin } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { suggestionDecorationsPlugin } from "../suggestions/suggestion-decorations.js";
import { suggestionModePlugin } from "../suggestions/suggestion-mode.js";
import { commentHighlightsPlugin } from "../comments/comment-highlights.js";
import { caretAssociationPlugin } from "./caret-association.js";
import { buildCollaboratorCursor, buildCollaboratorSelection } from "./collab-cursors.js";
import { sectionNumbersPlugin } from "./section-numbers.js";

/**
 * The editor's plugins: Yjs sync, other people's cursors, undo of my own edits, section numbers,
 * highlights of commented text, and (for people who may edit) the keyboard shortcuts and typing shortcuts.
 */

const { nodes, marks } = policySchema;

/** The keyboard shortcuts of an editable draft. Mod is Ctrl, or Cmd on a Mac. */
export function editingKeymap(): Record<string, Command> {
  return {
    // y-prosemirror's undo manager tracks only this client's changes, so undo never takes back others' work.
    "Mod-z": undoCommand,
    "Mod-y": redoCommand,
    "Mod-Shift-z": redoCommand,
    "Mod-b": toggleMark(marks.strong),
    "Mod-i": toggleMark(marks.em),
    "Mod-u": toggleMark(marks.underline),
    "Mod-Alt-1": setBlockType(nodes.heading, { level: 1 }),
    "Mod-Alt-2": setBlockType(nodes.heading, { level: 2 }),
    "Mod-Alt-3": setBlockType(nodes.heading, { level: 3 }),
    "Mod-Alt-0": setBlockType(nodes.paragraph),
    Enter: splitListItem(nodes.list_item),
    // Tab is taken only inside a list; elsewhere the commands fail and Tab moves focus as usual, so the
    // editor is never a keyboard trap.
    Tab: sinkListItem(nodes.list_item),
    "Shift-Tab": liftListItem(nodes.list_item),
    Backspace: undoInputRule,
  };
}

/** Typing shortcuts: "# " to "### " make headings, "- " or "* " a bullet list, "1. " a numbered list, "> " a quote. */
function typingRules(): Plugin {
  const rules: InputRule[] = [
    textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading, (match) => ({ level: match[1]?.length ?? 1 })),
    wrappingInputRule(/^\s*([-*])\s$/, nodes.bullet_list),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.ordered_list,
      (match) => ({ order: Number(match[1]) }),
      (match, node) => node.childCount + (node.attrs["order"] as number) === Number(match[1]),
    ),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
  ];
  return inputRules({ rules });
}

/** What the plugins are built from. */
export interface EditorSetupInput {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** No editing plugins at all for people who may only read. */
  editable: boolean;
  /** The person may only suggest: suggestion mode is on and stays on. */
  suggestOnly?: boolean;
}

/** The plugins of the draft editor, in the order y-prosemirror needs (sync before cursors and undo). */
export function editorPlugins({ fragment, awareness, editable, suggestOnly = false }: EditorSetupInput): Plugin[] {
  const plugins: Plugin[] = [
    ySyncPlugin(fragment) as Plugin,
    // Others' typing at my caret stays on its far side, so two people typing at one spot do not braid their words.
    caretAssociationPlugin(),
    yCursorPlugin(awareness, {
      cursorBuilder: buildCollaboratorCursor,
      selectionBuilder: buildCollaboratorSelection,
    }) as Plugin,
    sectionNumbersPlugin(),
    // Everyone sees commented text; after the sync plugin, whose view update writes my typing into Yjs.
    commentHighlightsPlugin(),
    suggestionDecorationsPlugin(),
  ];
  if (editable) {
    plugins.push(
      // Before the typing shortcuts: in suggestion mode its text-input handler takes typing first.
      suggestionModePlugin({ locked: suggestOnly }),
      yUndoPlugin() as Plugin,
      typingRules(),
      keymap(editingKeymap()),
      // Keymaps are tried in order: baseKeymap only gets the keys the editing keymap did not handle.
      keymap(baseKeymap),
    );
  }
  return plugins;
}

/**
 * Headings render two levels down (a document's level-1 heading becomes an <h3>), because the page
 * already has its title (h1) and the "Draft" heading (h2); screen-reader users navigate by these levels.
 */
export const headingNodeView: NodeViewConstructor = (node: Node) => {
  const level = node.attrs["level"] as number;
  const dom = document.createElement(`h${Math.min(6, level + 2)}`);
  dom.classList.add(`policy-heading-${level}`);
  return {
    dom,
    contentDOM: dom,
    // A different level needs a different element: returning false makes ProseMirror redraw it.
    update: (updated) => updated.type === node.type && updated.attrs["level"] === level,
  };
};
