import { policySchema } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { linkRange, setLink, toolbarCommands, toolbarState } from "./commands.js";

const { nodes, marks } = policySchema;
const text = (value: string, ...markList: ReturnType<typeof marks.strong.create>[]) => policySchema.text(value, markList);
const paragraph = (...content: Node[]) => nodes.paragraph.create(null, content);
const heading = (level: number, value: string) => nodes.heading.create({ level }, [text(value)]);
const bulletList = (...items: Node[]) =>
  nodes.bullet_list.create(
    null,
    items.map((item) => nodes.list_item.create(null, [item])),
  );
const doc = (...content: Node[]) => nodes.doc.create(null, content);

/** A state whose selection runs from `from` to `to` (a caret when `to` is left out). */
function stateAt(document: Node, from: number, to = from): EditorState {
  const state = EditorState.create({ schema: policySchema, doc: document });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
}

function run(state: EditorState, command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): EditorState {
  let next = state;
  command(state, (tr) => (next = state.apply(tr)));
  return next;
}

describe("toolbarState", () => {
  it("offers marks on a selection and shows bold as pressed where it applies", () => {
    const state = stateAt(doc(paragraph(text("plain "), text("bold", marks.strong.create()))), 7, 11);
    const buttons = toolbarState(state);
    expect(buttons.strong).toEqual({ enabled: true, active: true });
    expect(buttons.em).toEqual({ enabled: true, active: false });
  });

  it("offers headings at the top level and marks the current one as pressed", () => {
    const buttons = toolbarState(stateAt(doc(heading(2, "Retention")), 3));
    expect(buttons.heading2).toEqual({ enabled: true, active: true });
    expect(buttons.heading1).toEqual({ enabled: true, active: false });
    expect(buttons.paragraph).toEqual({ enabled: true, active: null });
  });

  it("refuses headings inside a list, where the schema does not allow them", () => {
    const buttons = toolbarState(stateAt(doc(bulletList(paragraph(text("item")))), 4));
    expect(buttons.heading1.enabled).toBe(false);
    expect(buttons.bulletList).toEqual({ enabled: true, active: true });
    expect(buttons.orderedList.active).toBe(false);
  });

  it("offers a link only for selected text, and removing one only where there is a link", () => {
    const link = marks.link.create({ href: "https://example.org" });
    const document = doc(paragraph(text("see "), text("the rule", link), text(" here")));
    expect(toolbarState(stateAt(document, 2)).link.enabled).toBe(false);
    expect(toolbarState(stateAt(document, 2, 4)).link.enabled).toBe(true);
    expect(toolbarState(stateAt(document, 2)).removeLink.enabled).toBe(false);
    expect(toolbarState(stateAt(document, 7)).removeLink.enabled).toBe(true);
  });

  it("has nothing to undo without the Yjs undo plugin", () => {
    const buttons = toolbarState(stateAt(doc(paragraph(text("x"))), 1));
    expect(buttons.undo.enabled).toBe(false);
    expect(buttons.redo.enabled).toBe(false);
  });
});

describe("the toolbar's commands", () => {
  it("turns an active heading back into plain text", () => {
    const next = run(stateAt(doc(heading(1, "Purpose")), 2), toolbarCommands.heading1);
    expect(next.doc.firstChild?.type).toBe(nodes.paragraph);
  });

  it("wraps in a bullet list, and lifts out again on a second press", () => {
    const wrapped = run(stateAt(doc(paragraph(text("item"))), 2), toolbarCommands.bulletList);
    expect(wrapped.doc.firstChild?.type).toBe(nodes.bullet_list);
    const lifted = run(wrapped, toolbarCommands.bulletList);
    expect(lifted.doc.firstChild?.type).toBe(nodes.paragraph);
  });

  it("links the selected words and removes the whole link from a caret inside it", () => {
    const linked = run(stateAt(doc(paragraph(text("see the rule"))), 5, 13), setLink("https://example.org/rule"));
    expect(linkRange(stateAt(linked.doc, 8))).toEqual({ from: 5, to: 13, href: "https://example.org/rule" });
    // At the link's very end the caret still counts as on it: links are not inclusive, the text before is.
    expect(linkRange(stateAt(linked.doc, 13))?.href).toBe("https://example.org/rule");
    const unlinked = run(stateAt(linked.doc, 8), toolbarCommands.removeLink);
    expect(unlinked.doc.rangeHasMark(1, 13, marks.link)).toBe(false);
  });
});
