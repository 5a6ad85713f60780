import { numberSectionsJSON, type HeadingLevel, type PolicyNodeJSON, type SectionNumber } from "@accord/policy-schema";
import { marksSignature, redlineMarksOf, textRun } from "./formatting.js";
import type { BlockContainer, RedlineBlockType, RedlineMark, TextRun } from "./redline-types.js";
import { paragraphBreak } from "./segments.js";

/** One leaf block (paragraph or heading) of a document, with what a redline needs to know about it. */
export interface FlatBlock {
  /** Its place in its document's sequence of blocks. */
  readonly index: number;
  readonly type: RedlineBlockType;
  readonly level?: HeadingLevel;
  /** Its text; a hard break is "\n". */
  readonly text: string;
  /** Its text in runs of like formatting (one plain run when it has none). */
  readonly runs: readonly TextRun[];
  /**
   * Everything that makes two blocks the same: type, level, the kinds of container around it,
   * text and marks. Blocks with equal keys are unchanged; equal text with other keys is a
   * formatting change.
   */
  readonly key: string;
  readonly containers: readonly BlockContainer[];
  /** The nearest heading at or before the block (a heading's own number), if any. */
  readonly section?: SectionNumber;
}

const containerTypes = new Set<string>(["blockquote", "bullet_list", "ordered_list", "list_item"]);

// The text, the runs of like formatting and a signature of the formatting of a textblock. The
// signature is written as runs of "marks:length", so that "**bold** text" and "bold **text**"
// differ although their text is the same; runs with the same marks are merged, so adjacent text
// nodes with equal marks (or marks listed in another order) read as one.
function readInline(block: PolicyNodeJSON): { text: string; runs: TextRun[]; formatting: string } {
  let text = "";
  const runs: { marks: readonly RedlineMark[]; signature: string; text: string }[] = [];
  for (const child of block.content ?? []) {
    // U+2029 is how a redline marks a paragraph boundary inside a word diff; one typed into the
    // text itself is shown as an ordinary space rather than as a break that never happened.
    const piece = child.type === "hard_break" ? "\n" : (child.text ?? "").replaceAll(paragraphBreak, " ");
    const marks = redlineMarksOf(child.marks);
    const signature = marksSignature(marks);
    const last = runs.at(-1);
    if (last?.signature === signature) last.text += piece;
    else runs.push({ marks, signature, text: piece });
    text += piece;
  }
  return {
    text,
    runs: runs.map((run) => textRun(run.text, run.marks)),
    formatting: runs.map((run) => `${run.signature}:${run.text.length}`).join(","),
  };
}

/**
 * The leaf blocks of a policy document in order, each with its containers and its section.
 * `side` ("a" for the after document, "b" for the before) prefixes the container ids, so the two
 * documents' containers can never be confused. Expects JSON that parsePolicyDocument accepts; it
 * need not be in the schema's normal form.
 */
export function flattenDocument(doc: PolicyNodeJSON, side: "a" | "b"): FlatBlock[] {
  const sections = numberSectionsJSON(doc);
  const blocks: FlatBlock[] = [];
  let headingCount = 0;
  let section: SectionNumber | undefined;

  const visit = (node: PolicyNodeJSON, path: string, containers: readonly BlockContainer[]): void => {
    if (node.type === "heading" || node.type === "paragraph") {
      const { text, runs, formatting } = readInline(node);
      const level = node.type === "heading" ? (Number(node.attrs?.["level"] ?? 1) as HeadingLevel) : undefined;
      if (node.type === "heading") section = sections[headingCount++];
      const shape = containers.map((container) => container.type).join(">");
      blocks.push({
        index: blocks.length,
        type: node.type,
        ...(level === undefined ? {} : { level }),
        text,
        runs,
        key: JSON.stringify([node.type, level ?? 0, shape, text, formatting]),
        containers,
        ...(section === undefined ? {} : { section }),
      });
      return;
    }
    let inner = containers;
    if (containerTypes.has(node.type)) {
      const order = node.type === "ordered_list" ? Number(node.attrs?.["order"] ?? 1) : undefined;
      const container = { type: node.type as BlockContainer["type"], id: `${side}:${path}`, ...(order === undefined ? {} : { order }) };
      inner = [...containers, container];
    }
    (node.content ?? []).forEach((child, index) => visit(child, `${path}/${index}`, inner));
  };

  (doc.content ?? []).forEach((child, index) => visit(child, String(index), []));
  return blocks;
}
