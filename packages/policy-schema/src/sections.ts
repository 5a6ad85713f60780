import type { Node } from "prosemirror-model";
import type { PolicyNodeJSON } from "./document-json.js";
import { policySchema, validateHeadingLevel, type HeadingLevel } from "./schema.js";

/** The computed number of one heading of a policy document. */
export interface SectionNumber {
  /** The heading's position in the document (the position just before it, as ProseMirror counts). */
  readonly pos: number;
  readonly level: HeadingLevel;
  /** "2" for a section, "2.1" for a subsection, "2.1.a" for a clause. */
  readonly number: string;
  /** The heading's text, whitespace (and hard breaks) collapsed to single spaces. */
  readonly text: string;
  /**
   * A slug for a permalink, e.g. "section-2-1-a". It is derived from the number, so it is the
   * same wherever and whenever the same version is rendered; it changes when a section is
   * inserted before it, which is the honest thing for a link to a numbered section to do.
   */
  readonly anchor: string;
}

/** A heading as numbering sees it, whatever it was read from. */
interface HeadingInput {
  readonly pos: number;
  readonly level: HeadingLevel;
  readonly text: string;
}

/**
 * Turns a clause counter into letters: 1 → "a", 26 → "z", 27 → "aa" (as spreadsheet columns
 * do), so a 27th clause still gets a distinct label.
 */
export function clauseLetter(count: number): string {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`A clause counter must be a positive integer, got ${count}.`);
  }
  let letters = "";
  for (let rest = count; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(97 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function normalizeHeadingText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// The one numbering rule, shared by the Node and the JSON entry points so that the editor,
// the server and the public site can never disagree about a number.
//
// A heading that comes before any heading of the level above it counts that missing level as 0:
// a level-2 heading before the first section is "0.1", a level-3 heading directly under a
// section is "1.0.a". Those numbers look odd on purpose: they show the drafters a gap in the
// outline, yet stay unique and stable, so anchors and redlines still work.
function numberHeadings(headings: Iterable<HeadingInput>): SectionNumber[] {
  const counters = [0, 0, 0];
  const numbered: SectionNumber[] = [];
  for (const heading of headings) {
    const depth = heading.level - 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    for (let deeper = depth + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
    const parts = counters.slice(0, heading.level).map((count, index) => (index === 2 ? clauseLetter(count) : String(count)));
    numbered.push({
      pos: heading.pos,
      level: heading.level,
      number: parts.join("."),
      text: normalizeHeadingText(heading.text),
      anchor: `section-${parts.join("-")}`,
    });
  }
  return numbered;
}

/**
 * The section number of every heading of a policy document, in document order.
 * Headings can only be children of the doc (the schema admits them nowhere else).
 */
export function numberSections(doc: Node): SectionNumber[] {
  const headings: HeadingInput[] = [];
  doc.forEach((child, offset) => {
    if (child.type !== policySchema.nodes.heading) return;
    const level: unknown = child.attrs["level"];
    validateHeadingLevel(level);
    headings.push({ pos: offset, level, text: child.textContent });
  });
  return numberHeadings(headings);
}

/**
 * The number of the section holding a position: that of the last heading at or before it, or null
 * before the first heading. `sections` are numberSections' (or numberSectionsJSON's), in document order.
 */
export function sectionAt(sections: readonly SectionNumber[], pos: number): string | null {
  let found: string | null = null;
  for (const section of sections) {
    if (section.pos > pos) break;
    found = section.number;
  }
  return found;
}

// ProseMirror's size of a node, computed from its JSON: text counts its UTF-16 length (as
// String.length does, and as ProseMirror does), a leaf counts 1, any other node 2 plus its
// content. This is what lets numberSectionsJSON report the same `pos` as numberSections.
function jsonNodeSize(node: PolicyNodeJSON): number {
  if (node.type === "text") return node.text?.length ?? 0;
  const type = Object.hasOwn(policySchema.nodes, node.type) ? policySchema.nodes[node.type] : undefined;
  if (type?.isLeaf) return 1;
  let size = 2;
  for (const child of node.content ?? []) size += jsonNodeSize(child);
  return size;
}

function jsonTextContent(node: PolicyNodeJSON): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hard_break") return "\n";
  return (node.content ?? []).map(jsonTextContent).join("");
}

/**
 * The same numbers as numberSections, read straight from ProseMirror JSON (the server and the
 * public site have the stored JSON of a version and should not need to build a Node for this).
 * Expects JSON that parsePolicyDocument accepted; throws a RangeError on a bad heading level.
 */
export function numberSectionsJSON(doc: PolicyNodeJSON): SectionNumber[] {
  const headings: HeadingInput[] = [];
  let offset = 0;
  for (const child of doc.content ?? []) {
    if (child.type === "heading") {
      const level: unknown = child.attrs?.["level"] ?? 1;
      validateHeadingLevel(level);
      headings.push({ pos: offset, level, text: jsonTextContent(child) });
    }
    offset += jsonNodeSize(child);
  }
  return numberHeadings(headings);
}
