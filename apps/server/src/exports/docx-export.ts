import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  type ILevelsOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from "docx";
import { bulletSymbols, prepareDocument, type ExportBlock, type ExportInline, type ExportList } from "./export-document.js";
import {
  approvalHeading,
  approvalSummary,
  contentHashLabel,
  draftExplanation,
  draftMark,
  fieldText,
  isUnapprovedDraft,
  versionFacts,
  versionHeadline,
} from "./export-metadata.js";
import { assertExportableVersion, type VersionExport } from "./version-export.js";

// Word export of a policy version. Headings use Word's own Heading 1–3 styles (so the navigation
// pane and a table of contents work) with the computed section number typed in front of the text:
// Word's automatic heading numbering could drift from the numbers that the site, the Markdown
// and the PDF print, and a number that a reader cites must be the same everywhere.

const monospaceFont = "Courier New";
const indentStep = 720; // twips: half an inch per level of list or quote
const hangingIndent = 360;
const letterPage = { width: 12240, height: 15840 }; // US Letter, in twips: the department is in a US city
const quoteStyle = "BlockQuote";
const bulletReference = "accord-bullets";
const headingStyles = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const maxListLevel = 8; // Word has nine list levels, 0–8

// Lists need numbering definitions. Each numbered list gets its own instance so that it counts
// from its own start rather than carrying on from the previous list; Word fixes a level's start
// number in the definition, so there is one definition per distinct start number.
interface Numbering {
  orderedReference(start: number): string;
  nextInstance(): number;
  definitions(): NumberingDefinition[];
}

function createNumbering(): Numbering {
  const starts = new Set<number>();
  let instance = 0;
  const levels = (level: (index: number) => Omit<ILevelsOptions, "level" | "style">): ILevelsOptions[] =>
    Array.from({ length: maxListLevel + 1 }, (_, index) => ({
      level: index,
      ...level(index),
      style: { paragraph: { indent: { left: indentStep * (index + 1), hanging: hangingIndent } } },
    }));
  return {
    // Word cannot count below zero; such a list (a very unusual draft) starts at 0 in Word.
    orderedReference: (start) => {
      const clamped = Math.max(0, start);
      starts.add(clamped);
      return `accord-ordered-from-${clamped}`;
    },
    nextInstance: () => ++instance,
    definitions: () => [
      {
        reference: bulletReference,
        levels: levels((index) => ({
          format: LevelFormat.BULLET,
          text: bulletSymbols[index % bulletSymbols.length] ?? "•",
          alignment: AlignmentType.LEFT,
        })),
      },
      ...[...starts].map((start) => ({
        reference: `accord-ordered-from-${start}`,
        levels: levels((index) => ({ format: LevelFormat.DECIMAL, text: `%${index + 1}.`, start, alignment: AlignmentType.LEFT })),
      })),
    ],
  };
}

// Pending suggestions as Word readers expect tracked changes to look: a suggested insertion double
// underlined in green (double, so it never reads as the policy's own underline), text suggested for
// deletion struck through in red. Plain formatted runs rather than Word revisions: a revision is one
// click from being accepted in Word, and a suggestion must stay a suggestion in the exported file.
const suggestionColors = { insertion: "1A7F37", deletion: "B42318" } as const;

function runsOf(inlines: readonly ExportInline[]): ParagraphChild[] {
  return inlines.map((inline) => {
    if (inline.kind === "break") return new TextRun({ break: 1 });
    const suggestion = inline.suggestion;
    const underline =
      suggestion === "insertion" ? { type: UnderlineType.DOUBLE, color: suggestionColors.insertion } : inline.underline ? {} : undefined;
    // Only marks that are present are set: an explicit `bold: false` would override the bold
    // of the Heading styles.
    const run = new TextRun({
      text: inline.text,
      bold: inline.bold || undefined,
      italics: inline.italic || undefined,
      underline,
      strike: suggestion === "deletion" || undefined,
      color: suggestion ? suggestionColors[suggestion] : undefined,
      style: inline.href === null ? undefined : "Hyperlink",
    });
    // prepareDocument has left an href only on links that isAllowedHref accepts.
    return inline.href === null ? run : new ExternalHyperlink({ link: inline.href, children: [run] });
  });
}

interface Layout {
  readonly numbering: Numbering;
  /** Left indent of plain paragraphs here, in twips. */
  readonly indent: number;
  /** How many lists enclose this point (the list level of a list that starts here). */
  readonly depth: number;
  readonly inQuote: boolean;
}

function listParagraphs(list: ExportList, layout: Layout): Paragraph[] {
  const reference = list.ordered ? layout.numbering.orderedReference(list.start) : bulletReference;
  const instance = layout.numbering.nextInstance();
  const level = Math.min(layout.depth, maxListLevel);
  const itemLayout: Layout = { ...layout, indent: layout.indent + indentStep, depth: layout.depth + 1 };
  return list.items.flatMap((item) =>
    item.flatMap((block, index) => {
      if (index > 0 || block.kind !== "paragraph") return blockParagraphs(block, itemLayout);
      return [
        new Paragraph({
          children: runsOf(block.inlines),
          numbering: { reference, level, instance },
          indent: { left: itemLayout.indent, hanging: hangingIndent },
          style: layout.inQuote ? quoteStyle : undefined,
        }),
      ];
    }),
  );
}

function blockParagraphs(block: ExportBlock, layout: Layout): Paragraph[] {
  switch (block.kind) {
    case "heading":
      return [
        new Paragraph({ heading: headingStyles[block.level], children: [new TextRun(`${block.number} `), ...runsOf(block.inlines)] }),
      ];
    case "paragraph":
      return [
        new Paragraph({
          children: runsOf(block.inlines),
          indent: layout.indent > 0 ? { left: layout.indent } : undefined,
          style: layout.inQuote ? quoteStyle : undefined,
        }),
      ];
    case "quote":
      return block.blocks.flatMap((inner) => blockParagraphs(inner, { ...layout, indent: layout.indent + indentStep, inQuote: true }));
    case "list":
      return listParagraphs(block, layout);
  }
}

function factsTable(version: VersionExport): Table {
  const cell = (children: TextRun[], width: number): TableCell =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ children })] });
  return new Table({
    width: { size: 9360, type: WidthType.DXA },
    columnWidths: [2400, 6960],
    rows: versionFacts(version).map(
      (fact) =>
        new TableRow({
          children: [
            cell([new TextRun({ text: fact.label, bold: true })], 2400),
            // The hash is one unbroken word in a monospace font: at 9 pt it fits the cell on one line.
            cell([new TextRun(fact.monospace ? { text: fact.value, font: monospaceFont, size: 18 } : { text: fact.value })], 6960),
          ],
        }),
    ),
  });
}

function approvalParagraphs(version: VersionExport, numbering: Numbering): Paragraph[] {
  const summary = approvalSummary(version.approval);
  const paragraphs = [new Paragraph({ heading: HeadingLevel.HEADING_1, text: approvalHeading }), new Paragraph({ text: summary.status })];
  for (const group of summary.groups) {
    const instance = numbering.nextInstance();
    paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: group.title }));
    for (const line of group.lines) {
      paragraphs.push(new Paragraph({ text: line, numbering: { reference: bulletReference, level: 0, instance } }));
    }
  }
  return paragraphs;
}

function footer(hash: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        children: [
          new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 16 }),
          new TextRun({ text: "    SHA-256 ", size: 16 }),
          new TextRun({ text: hash, font: monospaceFont, size: 14 }),
        ],
      }),
    ],
  });
}

// The draft mark in the page header, so that it is on every page, printed or on screen.
function draftHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: draftMark, bold: true, color: "B42318", size: 20 })],
      }),
    ],
  });
}

// Under the title, read once with the text: the header is not read by every screen reader.
function draftNotice(): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${draftMark}. `, bold: true, color: "B42318" }), new TextRun({ text: draftExplanation })],
  });
}

/**
 * The Word (.docx) file of a policy version: title, the version's facts in a table (with the
 * SHA-256 content hash in Courier New), the policy text in Heading 1–3 styles with section
 * numbers, real Word lists, links to allowed addresses only, indented block quotes, and the
 * approval record; every page's footer carries the page number and the hash, and every page's
 * header of a version without an approval record says "Draft — not approved". Throws like
 * exportMarkdown for a malformed version or document.
 */
export async function exportDocx(version: VersionExport): Promise<Buffer> {
  assertExportableVersion(version);
  const prepared = prepareDocument(version.document);
  const hash = version.contentHash.toLowerCase();
  const title = fieldText(version.policyTitle);
  const numbering = createNumbering();
  const layout: Layout = { numbering, indent: 0, depth: 0, inQuote: false };
  const content = prepared.blocks.flatMap((block) => blockParagraphs(block, layout));
  const approval = approvalParagraphs(version, numbering);
  const draft = isUnapprovedDraft(version);
  const document = new Document({
    title,
    subject: versionHeadline(version),
    creator: "Accord",
    lastModifiedBy: "Accord",
    keywords: fieldText(version.policySlug),
    description: `${title}, ${versionHeadline(version)}. ${contentHashLabel}: ${hash}`,
    styles: {
      default: {
        document: { run: { font: "Calibri", size: 22 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: "Calibri", size: 40, bold: true }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: "Calibri", size: 30, bold: true }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: "Calibri", size: 26, bold: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: "Calibri", size: 22, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [
        {
          id: quoteStyle,
          name: "Block Quote",
          basedOn: "Normal",
          run: { color: "404040" },
          paragraph: { border: { left: { style: BorderStyle.SINGLE, size: 12, color: "A0A0A0", space: 8 } } },
        },
      ],
    },
    numbering: { config: numbering.definitions() },
    sections: [
      {
        properties: { page: { size: letterPage, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 } } },
        ...(draft ? { headers: { default: draftHeader() } } : {}),
        footers: { default: footer(hash) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: title }),
          new Paragraph({ children: [new TextRun({ text: versionHeadline(version), size: 26 })] }),
          ...(draft ? [draftNotice()] : []),
          factsTable(version),
          new Paragraph({ text: "" }),
          ...content,
          ...approval,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
