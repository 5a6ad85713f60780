import type PDFDocument from "pdfkit";
import type { SuggestionKind } from "@accord/policy-schema";
import { listMarker, type ExportBlock, type ExportInline, type ExportList } from "./export-document.js";
import { pdfFonts } from "./pdf-fonts.js";

export { pdfFonts } from "./pdf-fonts.js";

// Lays out export blocks on a pdfkit document, and tags them: every block becomes an element of the
// PDF's structure tree (H2–H4, P, L with LI, Lbl and LBody, BlockQuote, Link), in reading order, so a
// screen reader announces headings and lists (WCAG 2.1 SC 1.3.1, PDF/UA-1). What only decorates (a
// quote's rule) is marked as an artifact. pdfkit has no notion of a list or a quote, so this draws
// them: markers in a column of their own, quotes indented with a rule beside them, and before
// anything that must not start at the foot of a page (a heading, a list marker), a check that there
// is room for it and the line after it.

/** A pdfkit document. */
export type Pdf = typeof PDFDocument;

/** An element of the PDF's structure tree. */
export type PdfStructure = PDFKit.PDFStructureElement;

/** Colours of body text, secondary text, links, and pending suggestions. */
export const pdfColors = {
  text: "#111111",
  muted: "#555555",
  link: "#1a4f9c",
  rule: "#a0a0a0",
  insertion: "#1a7f37",
  deletion: "#b42318",
} as const;

/**
 * The brackets around a pending suggestion in the PDF. Colour, underline and strike-through mark it
 * on screen; the brackets keep it marked on a black-and-white print and in copied text.
 */
export const suggestionBrackets = { insertion: ["[+", "+]"], deletion: ["[-", "-]"] } as const;

/** The size of body text, in points. */
export const bodySize = 10.5;
const lineGap = 2;
const headingSizes = { 1: 15, 2: 12.5, 3: 11 } as const;
const quoteIndent = 16;

/** Where blocks are laid out: a column, and the list depth there. */
export interface PdfArea {
  readonly x: number;
  readonly width: number;
  /** How many lists enclose the column (it chooses the bullet). */
  readonly depth: number;
  /** Space after each block, in points: less inside list items, which read as one unit. */
  readonly gap: number;
}

/** A run of text as pdfkit writes it: one font, underlined or not, linked or not, a suggestion or not. */
export interface PdfPiece {
  readonly text: string;
  readonly font: string;
  readonly underline: boolean;
  readonly link: string | null;
  readonly suggestion?: SuggestionKind;
}

// Brackets each stretch of pieces of one kind of suggestion (a suggestion may span several runs,
// say a bold word inside it), so that "[+shall always+]" reads as one suggestion.
function bracketSuggestions(line: readonly PdfPiece[]): PdfPiece[] {
  return line.map((piece, index) => {
    const kind = piece.suggestion;
    if (kind === undefined) return piece;
    const [open, close] = suggestionBrackets[kind];
    const opens = line[index - 1]?.suggestion !== kind;
    const closes = line[index + 1]?.suggestion !== kind;
    return { ...piece, text: `${opens ? open : ""}${piece.text}${closes ? close : ""}` };
  });
}

/**
 * Adds an element of `type` (P, H2, Lbl…) under `parent` and ends it once `fill` has written its
 * content (through `element.add(() => …)`, which marks what the closure draws as the element's).
 */
export function addElement(doc: Pdf, parent: PdfStructure, type: string, fill: (element: PdfStructure) => void): void {
  const element = doc.struct(type);
  parent.add(element);
  fill(element);
  element.end();
}

/**
 * Draws something that is not content (a rule, a page footer) as an artifact, which assistive
 * technology skips. Only between elements: pdfkit closes any open marked content to open one.
 */
export function drawArtifact(doc: Pdf, type: "Layout" | "Pagination", draw: () => void): void {
  doc.markContent("Artifact", { type });
  draw();
  doc.endMarkedContent();
}

/** The layout state shared across blocks: the document and the outline (bookmarks) so far. */
export interface PdfLayout {
  readonly doc: Pdf;
  /** The outline items of the headings most recently written, by level; index 0 is the root. */
  readonly outlineStack: Pdf["outline"][];
}

function fontFor(bold: boolean, italic: boolean): string {
  if (bold) return italic ? pdfFonts.boldItalic : pdfFonts.bold;
  return italic ? pdfFonts.italic : pdfFonts.regular;
}

/**
 * The lines of inline content, each a list of pieces: a hard break starts a new line. `bold` makes
 * every piece bold (for headings). Lines are written one by one, as pdfkit mislays the words
 * after a line break inside a run of `continued` text.
 */
export function linesOf(inlines: readonly ExportInline[], bold = false): PdfPiece[][] {
  let current: PdfPiece[] = [];
  const lines = [current];
  for (const inline of inlines) {
    if (inline.kind === "break") {
      current = [];
      lines.push(current);
    } else {
      current.push({
        text: inline.text,
        font: fontFor(bold || inline.bold, inline.italic),
        underline: inline.underline,
        link: inline.href,
        ...(inline.suggestion ? { suggestion: inline.suggestion } : {}),
      });
    }
  }
  // A trailing break would only add an empty line; a browser does not show one either.
  if (lines.length > 1 && current.length === 0) lines.pop();
  return lines.map(bracketSuggestions);
}

/** The height of one line of text of the given size, with the line gap. */
export function lineHeight(doc: Pdf, size: number, font: string = pdfFonts.regular): number {
  return doc.font(font).fontSize(size).currentLineHeight(true) + lineGap;
}

/**
 * Starts a new page unless `height` points still fit above the bottom margin. continueOnNewPage
 * rather than addPage, so that marked content still open goes on, marked, on the new page.
 */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.continueOnNewPage();
}

/**
 * Writes pieces as one wrapped paragraph at (x, doc.y), as the content of `element`; a linked piece
 * becomes a Link element of its own, which pdfkit gives the link annotation. Every option is given
 * on every piece: pdfkit carries the options of a `continued` call over to the next call when they
 * are left undefined, so a link or underline left unset would spill onto the following words.
 */
export function writePieces(
  doc: Pdf,
  element: PdfStructure,
  pieces: readonly PdfPiece[],
  x: number,
  width: number,
  size: number,
  color: string = pdfColors.text,
): void {
  pieces.forEach((piece, index) => {
    const fill = piece.suggestion ? pdfColors[piece.suggestion] : piece.link === null ? color : pdfColors.link;
    doc.font(piece.font).fontSize(size).fillColor(fill);
    const options = {
      width,
      lineGap,
      continued: index < pieces.length - 1,
      underline: piece.underline || piece.link !== null || piece.suggestion === "insertion",
      strike: piece.suggestion === "deletion",
      link: piece.link,
    };
    const write = () => (index === 0 ? doc.text(piece.text, x, doc.y, options) : doc.text(piece.text, options));
    if (piece.link === null) element.add(write);
    else addElement(doc, element, "Link", (link) => link.add(write));
  });
}

/** Writes lines (see linesOf) as one paragraph at (x, doc.y); an empty line leaves a blank line. */
export function writeLines(
  doc: Pdf,
  element: PdfStructure,
  lines: readonly (readonly PdfPiece[])[],
  x: number,
  width: number,
  size: number,
): void {
  for (const line of lines) {
    if (line.length === 0) doc.y += lineHeight(doc, size);
    else writePieces(doc, element, line, x, width, size);
  }
}

function currentPage(doc: Pdf): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

// Draws the rule beside a quote from where it started to where it ended, on every page between:
// a long quote can cross a page break. The document is buffered (bufferPages), so earlier pages
// can still be drawn on.
function drawQuoteRule(doc: Pdf, x: number, from: { page: number; y: number }, to: { page: number; y: number }): void {
  const resume = { x: doc.x, y: doc.y };
  for (let page = from.page; page <= to.page; page++) {
    doc.switchToPage(page);
    const top = page === from.page ? from.y : doc.page.margins.top;
    const bottom = page === to.page ? to.y : doc.page.height - doc.page.margins.bottom;
    drawArtifact(doc, "Layout", () =>
      doc.save().moveTo(x, top).lineTo(x, bottom).lineWidth(1.5).strokeColor(pdfColors.rule).stroke().restore(),
    );
  }
  doc.x = resume.x;
  doc.y = resume.y;
}

/** The structure type of a policy heading: the title is the one H1, so sections start at H2, as on the page. */
export function headingType(level: 1 | 2 | 3): string {
  return `H${level + 1}`;
}

function writeHeading(layout: PdfLayout, block: Extract<ExportBlock, { kind: "heading" }>, area: PdfArea, structure: PdfStructure): void {
  const { doc } = layout;
  const size = headingSizes[block.level];
  doc.y += block.level === 1 ? 10 : 6;
  // Keep the heading with at least two lines of what follows it.
  ensureSpace(doc, lineHeight(doc, size, pdfFonts.bold) + 2 * lineHeight(doc, bodySize));
  const parent = layout.outlineStack[block.level - 1] ?? layout.outlineStack[layout.outlineStack.length - 1];
  if (parent !== undefined) {
    layout.outlineStack.length = block.level;
    layout.outlineStack[block.level] = parent.addItem(`${block.number} ${block.title}`);
  }
  // A heading's inlines hold no breaks (prepareDocument made them spaces), so it is one line.
  const title = linesOf(block.inlines, true).flat();
  addElement(doc, structure, headingType(block.level), (heading) =>
    writePieces(
      doc,
      heading,
      [{ text: `${block.number} `, font: pdfFonts.bold, underline: false, link: null }, ...title],
      area.x,
      area.width,
      size,
    ),
  );
  doc.y += 4;
}

function writeList(layout: PdfLayout, list: ExportList, area: PdfArea, parent: PdfStructure): void {
  const { doc } = layout;
  const markers = list.items.map((_, index) => listMarker(list, index, area.depth));
  doc.font(pdfFonts.regular).fontSize(bodySize);
  const markerWidth = Math.max(12, ...markers.map((marker) => doc.widthOfString(marker))) + 6;
  const itemArea: PdfArea = { x: area.x + markerWidth, width: area.width - markerWidth, depth: area.depth + 1, gap: 3 };
  addElement(doc, parent, "L", (listElement) => {
    list.items.forEach((item, index) => {
      // The marker and the first line of its item must land on the same page.
      ensureSpace(doc, lineHeight(doc, bodySize));
      const top = doc.y;
      addElement(doc, listElement, "LI", (itemElement) => {
        addElement(doc, itemElement, "Lbl", (label) =>
          label.add(() => {
            doc.font(pdfFonts.regular).fontSize(bodySize).fillColor(pdfColors.text);
            doc.text(markers[index] ?? "", area.x, top, { lineBreak: false });
          }),
        );
        doc.y = top;
        addElement(doc, itemElement, "LBody", (body) => renderBlocks(layout, item, itemArea, body));
      });
    });
  });
  doc.y += area.gap - itemArea.gap;
}

/** Lays out blocks in the area, starting at doc.y, as elements under `parent` in the structure tree. */
export function renderBlocks(layout: PdfLayout, blocks: readonly ExportBlock[], area: PdfArea, parent: PdfStructure): void {
  const { doc } = layout;
  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
        writeHeading(layout, block, area, parent);
        break;
      case "paragraph":
        ensureSpace(doc, lineHeight(doc, bodySize));
        addElement(doc, parent, "P", (paragraph) => writeLines(doc, paragraph, linesOf(block.inlines), area.x, area.width, bodySize));
        doc.y += area.gap;
        break;
      case "quote": {
        ensureSpace(doc, lineHeight(doc, bodySize));
        const from = { page: currentPage(doc), y: doc.y };
        addElement(doc, parent, "BlockQuote", (quote) =>
          renderBlocks(layout, block.blocks, { ...area, x: area.x + quoteIndent, width: area.width - quoteIndent }, quote),
        );
        drawQuoteRule(doc, area.x + 4, from, { page: currentPage(doc), y: doc.y - area.gap });
        break;
      }
      case "list":
        writeList(layout, block, area, parent);
        break;
    }
  }
}
