import {
  isAllowedHref,
  numberSectionsJSON,
  parsePolicyDocument,
  type HeadingLevel,
  type PolicyDocumentJSON,
  type PolicyMarkJSON,
  type PolicyNodeJSON,
  type SectionNumber,
  suggestionKinds,
  type SuggestionKind,
} from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { printableText } from "./export-metadata.js";

// The one walk over a version's document that all three exporters share. It decides, once, what
// may be printed: which links stay links, what text is printable, and each heading's number. The
// Word and PDF exporters then only lay out the small block tree it returns; the Markdown exporter
// hands the cleaned ProseMirror node to prosemirror-markdown's serializer, with the same numbers.

/**
 * A run of text with its marks. `href` is set only for a link that isAllowedHref accepts.
 * `suggestion` is set on text that is a pending suggestion (an insertion someone proposed, or policy
 * text someone proposed to delete): every exporter must print it marked as such, never as plain text.
 */
export interface ExportTextRun {
  readonly kind: "text";
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly href: string | null;
  readonly suggestion?: SuggestionKind;
}

/** A line break inside a paragraph. */
export interface ExportLineBreak {
  readonly kind: "break";
}

/** Inline content of a paragraph or heading. */
export type ExportInline = ExportTextRun | ExportLineBreak;

/** A numbered heading. Headings only occur at the top level of a document. */
export interface ExportHeading {
  readonly kind: "heading";
  readonly level: HeadingLevel;
  /** The computed section number, e.g. "4.2" or "9.3.b". */
  readonly number: string;
  /** The permalink slug of the section, e.g. "section-4-2". */
  readonly anchor: string;
  /** The heading's plain text, whitespace collapsed. */
  readonly title: string;
  /** The heading's runs; line breaks in a heading have become spaces, as a heading is one line. */
  readonly inlines: readonly ExportTextRun[];
}

/** A paragraph. */
export interface ExportParagraph {
  readonly kind: "paragraph";
  readonly inlines: readonly ExportInline[];
}

/** A block quote. */
export interface ExportQuote {
  readonly kind: "quote";
  readonly blocks: readonly ExportBlock[];
}

/** A bulleted or numbered list; each item is a list of blocks, the first a paragraph. */
export interface ExportList {
  readonly kind: "list";
  readonly ordered: boolean;
  /** The number of the first item (1 for bullet lists, where it is unused). */
  readonly start: number;
  readonly items: readonly (readonly ExportBlock[])[];
}

/** A block of an exported document. */
export type ExportBlock = ExportHeading | ExportParagraph | ExportQuote | ExportList;

/** A document ready to export: the cleaned ProseMirror node, its blocks and its section numbers. */
export interface PreparedDocument {
  /** The cleaned document as a ProseMirror node (for prosemirror-markdown). */
  readonly node: Node;
  /** The same document as export blocks (for the Word and PDF layouts). */
  readonly blocks: readonly ExportBlock[];
  /** The section number of each heading, by the heading's index among the doc's children. */
  readonly sectionsByIndex: ReadonlyMap<number, SectionNumber>;
}

function keepMark(mark: PolicyMarkJSON): boolean {
  if (mark.type !== "link") return true;
  const href = mark.attrs?.["href"];
  // The one link check of the exports. A stored version passed the schema's href validator, but an
  // export also prints older or imported content, so a link it refuses becomes plain words.
  return typeof href === "string" && isAllowedHref(href);
}

// Copies the JSON with refused links unmarked and unprintable text cleaned. Text that cleans to
// nothing is dropped, since ProseMirror refuses empty text nodes. Anything else malformed is left
// for parsePolicyDocument to report with its path.
function cleanNode(node: PolicyNodeJSON): PolicyNodeJSON | null {
  if (node.type === "text" && typeof node.text === "string") {
    const text = printableText(node.text);
    if (text === "") return null;
    return Array.isArray(node.marks) ? { ...node, text, marks: node.marks.filter(keepMark) } : { ...node, text };
  }
  if (!Array.isArray(node.content)) return node;
  return { ...node, content: node.content.map(cleanNode).filter((child): child is PolicyNodeJSON => child !== null) };
}

function hasMark(node: PolicyNodeJSON, type: string): boolean {
  return node.marks?.some((mark) => mark.type === type) ?? false;
}

function textRun(node: PolicyNodeJSON, text: string): ExportTextRun {
  const href = node.marks?.find((mark) => mark.type === "link")?.attrs?.["href"];
  const suggestion = suggestionKinds.find((kind) => hasMark(node, kind));
  return {
    kind: "text",
    text,
    bold: hasMark(node, "strong"),
    italic: hasMark(node, "em"),
    underline: hasMark(node, "underline"),
    href: typeof href === "string" ? href : null,
    ...(suggestion ? { suggestion } : {}),
  };
}

function inlinesOf(node: PolicyNodeJSON): ExportInline[] {
  return (node.content ?? []).map((child) => (child.type === "hard_break" ? { kind: "break" } : textRun(child, child.text ?? "")));
}

function blockOf(node: PolicyNodeJSON): ExportBlock {
  const children = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return { kind: "paragraph", inlines: inlinesOf(node) };
    case "blockquote":
      return { kind: "quote", blocks: children.map(blockOf) };
    case "ordered_list":
    case "bullet_list": {
      const order = node.attrs?.["order"];
      return {
        kind: "list",
        ordered: node.type === "ordered_list",
        start: typeof order === "number" ? order : 1,
        items: children.map((item) => (item.content ?? []).map(blockOf)),
      };
    }
    default:
      // parsePolicyDocument has accepted the document, so this is a schema change not handled here.
      throw new Error(`The exporters cannot print a "${node.type}" node here.`);
  }
}

function headingOf(node: PolicyNodeJSON, section: SectionNumber): ExportHeading {
  const inlines = (node.content ?? []).map((child) =>
    child.type === "hard_break" ? textRun({ type: "text" }, " ") : textRun(child, child.text ?? ""),
  );
  return { kind: "heading", level: section.level, number: section.number, anchor: section.anchor, title: section.text, inlines };
}

/**
 * Cleans and checks a version's document for export: links that isAllowedHref refuses lose their
 * link (their words stay), control characters are dropped, then the document is validated with
 * parsePolicyDocument (which throws an InvalidPolicyDocumentError naming what is wrong) and its
 * headings are numbered with numberSectionsJSON.
 */
export function prepareDocument(json: PolicyNodeJSON): PreparedDocument {
  const node = parsePolicyDocument(cleanNode(json));
  // The normalised JSON (adjacent text joined, defaults filled in) is what gets walked, so the
  // Word and PDF layouts see exactly the document the Markdown serializer sees.
  const normalized = node.toJSON() as PolicyDocumentJSON;
  const sections = numberSectionsJSON(normalized);
  const sectionsByIndex = new Map<number, SectionNumber>();
  const blocks: ExportBlock[] = [];
  let headingIndex = 0;
  normalized.content.forEach((child, index) => {
    if (child.type !== "heading") {
      blocks.push(blockOf(child));
      return;
    }
    // numberSectionsJSON lists the headings in document order, so the n-th heading child has the n-th number.
    const section = sections[headingIndex++];
    if (section === undefined) throw new Error("numberSectionsJSON returned fewer numbers than the document has headings.");
    sectionsByIndex.set(index, section);
    blocks.push(headingOf(child, section));
  });
  return { node, blocks, sectionsByIndex };
}

/** The bullets of nested bullet lists, by depth (cycling). */
export const bulletSymbols = ["•", "–"] as const;

/** The marker of a list item: "3." for a numbered list, a bullet chosen by nesting depth otherwise. */
export function listMarker(list: ExportList, index: number, depth: number): string {
  return list.ordered ? `${list.start + index}.` : (bulletSymbols[depth % bulletSymbols.length] ?? "•");
}
