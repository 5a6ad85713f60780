import type { Mark, Node } from "prosemirror-model";
import { policySchema } from "@accord/policy-schema";
import { refuseSuggestion } from "./protocol-error.js";

// The guard's other half, on the raw Yjs structs of an update (what the JSON comparison cannot see),
// is suggested-structs.ts.

/** The person whose change is checked: their user id and their affiliation in the working group. */
export interface Suggester {
  userId: string;
  affiliation: string | null;
}

/** A policy document as a ProseMirror node of the policy schema, or as its JSON. */
export type PolicyDocumentInput = Node | Record<string, unknown>;

// The "base" of a document is what it holds apart from one person's own suggestions: their suggested
// insertions left out, their deletion marks taken off. A suggest-only member may change exactly their own
// suggestions, so the base before and after their change must be identical.
interface BaseInline {
  /** "text", or the name of an inline leaf (a hard break). */
  node: string;
  text: string;
  /** The marks (and a leaf's attrs) as canonical JSON: runs with the same key merge. */
  key: string;
}

interface BaseBlock {
  type: string;
  attrs: string;
  /** The block itself, to say where a refused change was. */
  source: Node;
  children: BaseBlock[];
  /** Set for textblocks (paragraphs, headings): their inline content. */
  inline: BaseInline[] | null;
}

function quote(text: string, limit = 40): string {
  // A line break (a hard break counts as one) stays visible, so a quote is never empty.
  const spaced = text.replace(/\n/g, "↵").replace(/\s+/g, " ");
  const flat = spaced.trim() || spaced;
  return JSON.stringify(flat.length > limit ? `${flat.slice(0, limit)}…` : flat);
}

function isNode(value: PolicyDocumentInput): value is Node {
  return typeof (value as Node).nodeSize === "number" && typeof (value as Node).check === "function";
}

/** The document as a node of the policy schema, checked; a document that does not fit is refused. */
function toPolicyNode(value: PolicyDocumentInput, which: "before" | "after"): Node {
  try {
    const node =
      isNode(value) && value.type.schema === policySchema ? value : policySchema.nodeFromJSON(isNode(value) ? value.toJSON() : value);
    node.check();
    return node;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (which === "after") refuseSuggestion(`The change leaves the draft outside the policy schema: ${reason}`);
    // Fail closed: an unreadable draft cannot be compared, so no suggestion can be verified against it.
    refuseSuggestion(`The draft does not fit the policy schema, so suggestions cannot be checked: ${reason}`);
  }
}

function suggestionMark(marks: readonly Mark[]): Mark | undefined {
  return marks.find((mark) => mark.type.name === "insertion" || mark.type.name === "deletion");
}

function baseOf(node: Node, suggester: Suggester): BaseBlock {
  const block: BaseBlock = {
    type: node.type.name,
    attrs: JSON.stringify(node.attrs),
    source: node,
    children: [],
    inline: null,
  };
  if (!node.inlineContent) {
    node.forEach((child) => block.children.push(baseOf(child, suggester)));
    return block;
  }
  const inline: BaseInline[] = [];
  node.forEach((child) => {
    const own = suggestionMark(child.marks);
    const isOwn = own !== undefined && own.attrs["author"] === suggester.userId;
    if (isOwn && own.type.name === "insertion") return;
    const marks = isOwn ? child.marks.filter((mark) => mark !== own) : child.marks;
    const key = JSON.stringify([marks.map((mark): unknown => mark.toJSON()), child.isText ? null : child.attrs]);
    const previous = inline.at(-1);
    if (child.isText && previous?.node === "text" && previous.key === key) previous.text += child.text ?? "";
    else inline.push({ node: child.type.name, text: child.isText ? (child.text ?? "") : "\n", key });
  });
  block.inline = inline;
  return block;
}

/** One entry per character (an inline leaf counts as one), with the key of its marks. */
function characters(inline: readonly BaseInline[]): { char: string; key: string }[] {
  return inline.flatMap((run) => [...run.text].map((char) => ({ char, key: `${run.node}:${run.key}` })));
}

/** Says what changed in a textblock's base: text added or removed outright, or formatting. */
function describeInlineChange(before: readonly BaseInline[], after: readonly BaseInline[]): string {
  const oldChars = characters(before);
  const newChars = characters(after);
  const oldText = oldChars.map((entry) => entry.char).join("");
  const newText = newChars.map((entry) => entry.char).join("");
  if (oldText === newText) {
    const differs = (index: number) => newChars[index]!.key !== oldChars[index]!.key;
    const first = newChars.findIndex((_entry, index) => differs(index));
    const last = newChars.findLastIndex((_entry, index) => differs(index));
    return `The formatting or suggestion marks of ${quote(newText.slice(first, last + 1))} changed: you may only add or remove your own suggestion marks.`;
  }
  let start = 0;
  while (start < oldText.length && start < newText.length && oldText[start] === newText[start]) start++;
  let end = 0;
  while (
    end < oldText.length - start &&
    end < newText.length - start &&
    oldText[oldText.length - 1 - end] === newText[newText.length - 1 - end]
  )
    end++;
  const removed = oldText.slice(start, oldText.length - end);
  const added = newText.slice(start, newText.length - end);
  if (!removed) return `The text ${quote(added)} was inserted without your insertion mark: suggest it as an insertion.`;
  if (!added)
    return `The text ${quote(removed)} was removed outright: only your own suggested text may be; mark other text as a suggested deletion.`;
  return `The text ${quote(removed)} was replaced by ${quote(added)} without suggestion marks.`;
}

/** The first difference between two bases, said in words, or null when they are the same. */
function firstDifference(before: BaseBlock, after: BaseBlock): string | null {
  // Only worked out for a refusal: textContent walks the whole block.
  const where = () => (before.type === "doc" ? "the document" : `the ${before.type} at ${quote(before.source.textContent)}`);
  if (before.type !== after.type || before.attrs !== after.attrs) {
    return `A block changed its kind or attributes (${where()} became a ${after.type}): suggestions may not change the document's structure.`;
  }
  if (before.inline && after.inline) {
    const same =
      before.inline.length === after.inline.length &&
      before.inline.every((run, index) => run.key === after.inline![index]!.key && run.text === after.inline![index]!.text);
    return same ? null : describeInlineChange(before.inline, after.inline);
  }
  if (before.children.length !== after.children.length) {
    return `Blocks were added, removed, split or joined in ${where()}: suggestions may not change the document's structure.`;
  }
  for (let index = 0; index < before.children.length; index++) {
    const difference = firstDifference(before.children[index]!, after.children[index]!);
    if (difference) return difference;
  }
  return null;
}

/** Every suggestion mark of a document, once each, keyed by kind and attributes. */
function suggestionMarks(doc: Node): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  doc.descendants((node) => {
    const mark = suggestionMark(node.marks);
    if (mark) marks.set(`${mark.type.name}:${JSON.stringify(mark.attrs)}`, mark);
    return true;
  });
  return marks;
}

function article(mark: Mark): string {
  return mark.type.name === "insertion" ? "An insertion" : "A deletion";
}

/** New suggestion marks must be the suggester's own, under their affiliation, with an id nobody else uses. */
function checkNewMarks(before: Node, after: Node, suggester: Suggester): void {
  const known = suggestionMarks(before);
  const present = suggestionMarks(after);
  const othersIds = new Set(
    [...present.values()].filter((mark) => mark.attrs["author"] !== suggester.userId).map((mark) => mark.attrs["id"] as string),
  );
  for (const [key, mark] of present) {
    if (known.has(key)) continue;
    const { id, author, affiliation } = mark.attrs as { id: string; author: string; affiliation: string | null };
    if (author !== suggester.userId) {
      refuseSuggestion(
        `${article(mark)} mark of author "${author}" was added or changed: you may only make or change suggestions in your own name.`,
      );
    }
    if (affiliation !== suggester.affiliation) {
      refuseSuggestion(
        `${article(mark)} mark gives the affiliation ${JSON.stringify(affiliation)}, but yours is ${JSON.stringify(suggester.affiliation)}.`,
      );
    }
    // Decisions name suggestions by id: sharing another author's id would fold this text into theirs.
    if (othersIds.has(id)) refuseSuggestion(`The suggestion id "${id}" already belongs to someone else's suggestion.`);
  }
}

/**
 * Checks a suggest-only member's change of a policy document. Allowed: inserting text that carries their
 * own insertion mark (author and affiliation theirs; other formatting on it is fine), removing text that
 * carried their own insertion mark, adding their own deletion mark to existing text, and removing their
 * own deletion mark. Anything else (plain text inserted or deleted, structure, attributes or formatting
 * changed, someone else's suggestion touched, a mark naming another author or affiliation) throws a
 * CollabProtocolError with close code 4422 (suggestionRefused) and a message saying what was wrong.
 */
export function checkSuggestOnlyChange(before: PolicyDocumentInput, after: PolicyDocumentInput, suggester: Suggester): void {
  const beforeNode = toPolicyNode(before, "before");
  const afterNode = toPolicyNode(after, "after");
  checkNewMarks(beforeNode, afterNode, suggester);
  const difference = firstDifference(baseOf(beforeNode, suggester), baseOf(afterNode, suggester));
  if (difference) refuseSuggestion(difference);
}
