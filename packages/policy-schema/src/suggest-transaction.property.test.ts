import { Fragment, Slice, type Mark, type Node } from "prosemirror-model";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { policySchema } from "./schema.js";
import { toSuggestionTransaction, type Suggester } from "./suggest-transaction.js";
import { decideSuggestions } from "./suggestions.js";

// Random edits on a sample document, each turned into a suggestion, checked against what the server's
// guard demands: apart from the suggester's own suggestions, nothing in the document may change.

const { insertion, deletion, strong } = policySchema.marks;
const { doc, paragraph, heading, bullet_list, list_item, blockquote, hard_break } = policySchema.nodes;
const me: Suggester = { userId: "u-citizen", affiliation: "citizen" };
const now = new Date("2026-11-28T10:00:00.000Z");
const earlier = "2026-11-28T09:00:00.000Z";
const byMe = { author: me.userId, affiliation: me.affiliation, time: earlier };
const byPolice = { author: "u-police", affiliation: "police", time: earlier };

const text = (value: string, ...marks: Mark[]) => policySchema.text(value, marks);

function sampleDocument(withOthers: boolean): Node {
  const theirs = (value: string, kind: typeof insertion, id: string) =>
    withOthers ? text(value, kind.create({ id, ...byPolice })) : text(value);
  return doc.create(null, [
    heading.create({ level: 1 }, [text("Scope of "), theirs("this ", insertion, "p1"), text("policy")]),
    paragraph.create(null, [
      text("Officers "),
      theirs("must ", insertion, "p2"),
      theirs("shall ", deletion, "p3"),
      text("record "),
      text("all ", insertion.create({ id: "m1", ...byMe })),
      text("every ", deletion.create({ id: "m2", ...byMe })),
      text("incidents", strong.create()),
      hard_break.create(),
      text("promptly."),
    ]),
    bullet_list.create(null, [list_item.create(null, [paragraph.create(null, [text("Footage is kept ninety days.")])])]),
    blockquote.create(null, [paragraph.create(null, [text("Quoted "), theirs("statute ", insertion, "p4"), text("text.")])]),
    paragraph.create(),
  ]);
}

/** The document as the server's guard compares it: without the suggester's own insertions and deletion marks. */
const baseOf = (node: Node) => decideSuggestions(node, "reject", (_kind, attrs) => attrs.author === me.userId);
/** The document as it would read once all of the suggester's suggestions were accepted. */
const acceptedMine = (node: Node) => decideSuggestions(node, "accept", (_kind, attrs) => attrs.author === me.userId);

// A small seeded generator (mulberry32), so that a failure can be replayed from its seed.
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { integer, pick: <T>(items: readonly T[]): T => items[integer(0, items.length - 1)]! };
}
type Random = ReturnType<typeof randomSource>;

function childrenOf(fragment: Fragment): Node[] {
  const children: Node[] = [];
  fragment.forEach((child) => children.push(child));
  return children;
}

interface Textblock {
  start: number;
  end: number;
}

function textblocksOf(node: Node): Textblock[] {
  const found: Textblock[] = [];
  node.descendants((child, pos) => {
    if (child.isTextblock) found.push({ start: pos + 1, end: pos + 1 + child.content.size });
    return !child.isTextblock;
  });
  return found;
}

interface RandomEdit {
  kind: string;
  state: EditorState;
  tr: Transaction;
  suggestible: boolean;
}

/** A random edit of `state`; `plainText` types unmarked text instead of inheriting the marks around it. */
function randomEdit(current: EditorState, random: Random, plainText: boolean): RandomEdit {
  const blocks = textblocksOf(current.doc);
  const block = random.pick(blocks);
  const at = random.integer(block.start, block.end);
  const other = random.integer(block.start, block.end);
  const [from, to] = [Math.min(at, other), Math.max(at, other)];
  const word = random.pick(["a", "to", "shall ", "the body ", "é"]);
  const select = (anchor: number, head = anchor) => current.apply(current.tr.setSelection(TextSelection.create(current.doc, anchor, head)));
  const typed = (tr: Transaction, start: number, end: number) =>
    plainText ? tr.replaceWith(start, end, text(word)) : tr.insertText(word, start, end);
  const kind = random.pick([
    "type",
    "typeOver",
    "backspace",
    "delete",
    "deleteRange",
    "paste",
    "lineBreak",
    "move",
    "typeAndFix",
    "acrossBlocks",
    "format",
  ]);
  switch (kind) {
    case "type":
    case "typeOver": {
      const state = kind === "type" ? select(at) : select(from, to);
      return { kind, state, tr: typed(state.tr, state.selection.from, state.selection.to), suggestible: true };
    }
    case "backspace":
    case "delete": {
      const caret = kind === "backspace" ? Math.max(at, block.start + 1) : Math.min(at, block.end - 1);
      if (block.start === block.end) return randomEdit(current, random, plainText);
      const state = select(caret);
      const tr = kind === "backspace" ? state.tr.delete(caret - 1, caret) : state.tr.delete(caret, caret + 1);
      return { kind, state, tr, suggestible: true };
    }
    case "deleteRange": {
      const state = select(from, to);
      return { kind, state, tr: state.tr.deleteSelection(), suggestible: true };
    }
    case "paste": {
      // New formatting is dropped in suggestion mode, so the compared edit pastes none where it is compared.
      const marks = plainText ? [] : [strong.create(), insertion.create({ id: "p9", ...byPolice })];
      const slice = new Slice(Fragment.from(paragraph.create(null, [text(word, ...marks), text("!")])), 1, 1);
      return { kind, state: select(from, to), tr: current.tr.replace(from, to, slice).setMeta("paste", true), suggestible: true };
    }
    case "lineBreak":
      return { kind, state: select(at), tr: current.tr.replaceWith(from, to, hard_break.create()), suggestible: false };
    case "move": {
      // Drag and drop inside a paragraph: the dragged text is deleted, then inserted elsewhere.
      const tr = current.tr.delete(from, to);
      const target = random.integer(block.start, tr.mapping.map(block.end));
      // The suggestion drops the suggestion marks of moved text, so for comparing texts the edit does too.
      let moved = current.doc.slice(from, to).content;
      // So does its formatting (new formatting is not a suggestion), which the compared edit therefore drops.
      if (plainText) moved = Fragment.fromArray(childrenOf(moved).map((node) => node.mark([])));
      // A line break cannot carry a suggestion mark through Yjs, so moving one is refused.
      const suggestible = childrenOf(moved).every((node) => node.isText);
      return { kind, state: select(from, to), tr: tr.insert(target, moved), suggestible };
    }
    case "typeAndFix": {
      // Two steps, the second inside or around what the first typed (as an input rule or autocorrect does).
      const tr = typed(current.tr, from, to);
      const end = tr.mapping.map(to);
      const start = random.integer(tr.mapping.map(from, -1), end);
      return { kind, state: select(from, to), tr: tr.delete(Math.max(block.start, start - 1), end), suggestible: true };
    }
    case "acrossBlocks": {
      const next = blocks[blocks.indexOf(block) + 1];
      if (!next) return randomEdit(current, random, plainText);
      return { kind, state: current, tr: current.tr.delete(at, random.integer(next.start, next.end)), suggestible: false };
    }
    default: {
      if (from === to) return randomEdit(current, random, plainText);
      return { kind, state: current, tr: current.tr.addMark(from, to, strong.create()), suggestible: false };
    }
  }
}

function runEdits(seed: number, withOthers: boolean, check: (edit: RandomEdit, next: EditorState) => void): number {
  const random = randomSource(seed);
  let count = 0;
  const newId = () => `s${++count}`;
  let state = EditorState.create({ doc: sampleDocument(withOthers) });
  let suggested = 0;
  for (let round = 0; round < 60; round++) {
    const edit = randomEdit(state, random, !withOthers);
    if (!edit.tr.docChanged) continue;
    const suggestion = toSuggestionTransaction(edit.state, edit.tr, me, now, newId);
    expect(suggestion === null, `seed ${seed}, round ${round}, ${edit.kind}: refused`).toBe(!edit.suggestible);
    if (!suggestion) continue;
    const next = edit.state.apply(suggestion);
    check(edit, next);
    state = next;
    suggested++;
  }
  return suggested;
}

describe("toSuggestionTransaction on random edits", () => {
  it("never changes plain text or anyone else's suggestions", () => {
    const base = baseOf(sampleDocument(true));
    for (let seed = 1; seed <= 40; seed++) {
      const suggested = runEdits(seed, true, (edit, next) => {
        expect(baseOf(next.doc).eq(base), `seed ${seed}, ${edit.kind}: ${JSON.stringify(baseOf(next.doc).toJSON())}`).toBe(true);
      });
      expect(suggested).toBeGreaterThan(30);
    }
  });

  it("suggests exactly the edit made: accepting one's suggestions gives the edited text", () => {
    for (let seed = 1; seed <= 40; seed++) {
      runEdits(seed, false, (edit, next) => {
        const expected = acceptedMine(edit.tr.doc);
        expect(
          acceptedMine(next.doc).eq(expected),
          `seed ${seed}, ${edit.kind}: ${acceptedMine(next.doc).textContent} ≠ ${expected.textContent}`,
        ).toBe(true);
      });
    }
  });
});
