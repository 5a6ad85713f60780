import PDFDocument from "pdfkit";
import { prepareDocument, type ExportBlock } from "./export-document.js";
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
  type ExportFact,
} from "./export-metadata.js";
import { registerPdfFonts } from "./pdf-fonts.js";
import {
  addElement,
  bodySize,
  drawArtifact,
  ensureSpace,
  lineHeight,
  pdfColors,
  pdfFonts,
  renderBlocks,
  writePieces,
  type Pdf,
  type PdfArea,
  type PdfLayout,
  type PdfStructure,
} from "./pdf-layout.js";
import { assertExportableVersion, type VersionExport } from "./version-export.js";

// PDF export of a policy version, on US Letter (the department is in a US city) with one-inch
// margins, in DejaVu Sans, embedded as a subset (see pdf-fonts.ts). The PDF is tagged: its
// structure tree holds the title (H1), the facts, the policy's headings (H2–H4), paragraphs, lists
// and quotes, then the approval record, in reading order; footers and rules are artifacts. Pages are
// buffered so that, once the text is laid out, every page's footer can say "Page n of N" and carry
// the content hash, and every page of a version that is not approved says so at its top.

const margin = 72;
const factLabelWidth = 120;
const hashCharacters = 64;

function plainParagraph(text: string): ExportBlock {
  return { kind: "paragraph", inlines: [{ kind: "text", text, bold: false, italic: false, underline: false, href: null }] };
}

// The largest size (up to `preferred`) at which the hash fits `width` on one line in Courier:
// the hash is the one string a reader must be able to copy or compare whole.
function hashFontSize(doc: Pdf, width: number, preferred: number): number {
  const widthAtOnePoint = doc.font(pdfFonts.monospace).fontSize(1).widthOfString("0".repeat(hashCharacters));
  return Math.min(preferred, Math.floor((width / widthAtOnePoint) * 10) / 10);
}

// One fact, label and value, as one paragraph: a screen reader reads "Saved 2025-03-14 15:09 UTC".
function writeFact(doc: Pdf, parent: PdfStructure, fact: ExportFact, area: PdfArea): void {
  const valueX = area.x + factLabelWidth;
  const valueWidth = area.width - factLabelWidth;
  ensureSpace(doc, lineHeight(doc, 9.5));
  const top = doc.y;
  let labelBottom = top;
  addElement(doc, parent, "P", (paragraph) => {
    paragraph.add(() => {
      doc
        .font(pdfFonts.bold)
        .fontSize(9.5)
        .fillColor(pdfColors.muted)
        .text(`${fact.label} `, area.x, top, { width: factLabelWidth - 8 });
      labelBottom = doc.y;
    });
    paragraph.add(() => {
      if (fact.monospace) {
        // lineBreak: false: never wrapped, at a size that fits (hashFontSize).
        const size = hashFontSize(doc, valueWidth, 9);
        doc
          .font(pdfFonts.monospace)
          .fontSize(size)
          .fillColor(pdfColors.text)
          .text(fact.value, valueX, top + 1, { lineBreak: false });
        doc.y = top + lineHeight(doc, 9.5);
      } else {
        doc.font(pdfFonts.regular).fontSize(9.5).fillColor(pdfColors.text).text(fact.value, valueX, top, { width: valueWidth });
      }
    });
  });
  doc.y = Math.max(doc.y, labelBottom) + 2;
}

// Read once, in the text, under the title; the mark at the top of every page (writePageMarks) is an
// artifact that a screen reader does not repeat.
function writeDraftNotice(doc: Pdf, parent: PdfStructure, area: PdfArea): void {
  addElement(doc, parent, "P", (notice) =>
    notice.add(() => {
      doc
        .font(pdfFonts.bold)
        .fontSize(11)
        .fillColor(pdfColors.deletion)
        .text(`${draftMark}. `, area.x, doc.y, { width: area.width, continued: true });
      doc.font(pdfFonts.regular).fillColor(pdfColors.text).text(draftExplanation);
    }),
  );
  doc.y += 8;
}

function writeTitleBlock(doc: Pdf, parent: PdfStructure, version: VersionExport, area: PdfArea): void {
  // The title is the document's one H1; the policy's sections follow at H2, as on the public page.
  addElement(doc, parent, "H1", (title) =>
    title.add(() =>
      doc
        .font(pdfFonts.bold)
        .fontSize(20)
        .fillColor(pdfColors.text)
        .text(fieldText(version.policyTitle), area.x, doc.y, { width: area.width }),
    ),
  );
  doc.y += 2;
  addElement(doc, parent, "P", (headline) =>
    headline.add(() =>
      doc
        .font(pdfFonts.regular)
        .fontSize(12)
        .fillColor(pdfColors.muted)
        .text(versionHeadline(version), area.x, doc.y, { width: area.width }),
    ),
  );
  doc.y += 10;
  if (isUnapprovedDraft(version)) writeDraftNotice(doc, parent, area);
  for (const fact of versionFacts(version)) writeFact(doc, parent, fact, area);
  doc.y += 8;
  drawArtifact(doc, "Layout", () =>
    doc
      .save()
      .moveTo(area.x, doc.y)
      .lineTo(area.x + area.width, doc.y)
      .lineWidth(0.75)
      .strokeColor(pdfColors.rule)
      .stroke()
      .restore(),
  );
  doc.y += 10;
}

function writeApproval(layout: PdfLayout, parent: PdfStructure, version: VersionExport, area: PdfArea): void {
  const { doc } = layout;
  const summary = approvalSummary(version.approval);
  doc.y += 14;
  ensureSpace(doc, 4 * lineHeight(doc, bodySize));
  layout.outlineStack[0]?.addItem(approvalHeading);
  addElement(doc, parent, "H2", (heading) =>
    writePieces(doc, heading, [{ text: approvalHeading, font: pdfFonts.bold, underline: false, link: null }], area.x, area.width, 15),
  );
  doc.y += 4;
  renderBlocks(layout, [plainParagraph(summary.status)], area, parent);
  for (const group of summary.groups) {
    ensureSpace(doc, 3 * lineHeight(doc, bodySize));
    addElement(doc, parent, "H3", (heading) =>
      writePieces(doc, heading, [{ text: group.title, font: pdfFonts.bold, underline: false, link: null }], area.x, area.width, 11),
    );
    doc.y += 3;
    const items = group.lines.map((line) => [plainParagraph(line)]);
    renderBlocks(layout, [{ kind: "list", ordered: false, start: 1, items }], area, parent);
  }
}

// Writes each page's footer inside the bottom margin, and for a version that is not approved the
// draft mark inside the top margin. The bottom margin is set to zero meanwhile, and the text is written
// without wrapping, because pdfkit starts a new page when text is placed below the bottom margin.
function writePageMarks(doc: Pdf, version: VersionExport, hash: string): void {
  const range = doc.bufferedPageRange();
  const draft = isUnapprovedDraft(version);
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    if (draft) writeDraftHeader(doc);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    const y = doc.page.height - bottomMargin / 2;
    const size = 7;
    // A pagination artifact: a screen reader does not read the footer again on every page.
    drawArtifact(doc, "Pagination", () => {
      doc.font(pdfFonts.regular).fontSize(size).fillColor(pdfColors.muted);
      doc.text(`Version ${version.versionNumber} · Page ${index + 1} of ${range.count}`, left, y, { lineBreak: false });
      const label = "SHA-256 ";
      const labelWidth = doc.widthOfString(label);
      const hashSize = hashFontSize(doc, right - left - 150 - labelWidth, size);
      const hashWidth = doc.font(pdfFonts.monospace).fontSize(hashSize).widthOfString(hash);
      doc
        .font(pdfFonts.regular)
        .fontSize(size)
        .text(label, right - hashWidth - labelWidth, y, { lineBreak: false });
      doc
        .font(pdfFonts.monospace)
        .fontSize(hashSize)
        .text(hash, right - hashWidth, y, { lineBreak: false });
    });
    doc.page.margins.bottom = bottomMargin;
  }
}

// The draft mark, centred in the top margin, in the colour of deleted text: on a printed page, torn
// from the rest, it still says that the page is not approved policy.
function writeDraftHeader(doc: Pdf): void {
  const size = 10;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  drawArtifact(doc, "Pagination", () => {
    doc.font(pdfFonts.bold).fontSize(size).fillColor(pdfColors.deletion);
    const markWidth = doc.widthOfString(draftMark);
    doc.text(draftMark, left + (width - markWidth) / 2, doc.page.margins.top / 2 - size / 2, { lineBreak: false });
  });
}

function collectBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/**
 * The PDF file of a policy version: title, the version's facts (with the SHA-256 content hash,
 * never wrapped), the policy text with numbered headings (also as PDF bookmarks), lists, indented
 * quotes, bold, italic and underline, links as link annotations for allowed addresses only, and
 * the approval record at the end; every page's footer has its page number and the hash, and every
 * page of a version without an approval record says "Draft — not approved" at its top. The PDF's
 * info names the title, "Accord" as author and the hash in the subject. Rejects like
 * exportMarkdown for a malformed version or document.
 */
export async function exportPdf(version: VersionExport): Promise<Buffer> {
  assertExportableVersion(version);
  const prepared = prepareDocument(version.document);
  const hash = version.contentHash.toLowerCase();
  const doc: Pdf = new PDFDocument({
    size: "LETTER",
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    // Tagged, with the document's language and title, for assistive technology (PDF/UA-1).
    tagged: true,
    lang: "en-US",
    displayTitle: true,
    // The fonts are registered below; no standard (unembedded) font is ever used.
    font: null as unknown as string,
    info: {
      Title: fieldText(version.policyTitle),
      Author: "Accord",
      Creator: "Accord",
      Subject: `${versionHeadline(version)}. ${contentHashLabel}: ${hash}`,
      Keywords: fieldText(version.policySlug),
      // The version's own time rather than now, so the same version always gives the same file.
      CreationDate: version.savedAt,
      ModDate: version.savedAt,
    },
  });
  const bytes = collectBytes(doc);
  registerPdfFonts(doc);
  doc.font(pdfFonts.regular);
  const area: PdfArea = { x: margin, width: doc.page.width - 2 * margin, depth: 0, gap: 6 };
  const layout: PdfLayout = { doc, outlineStack: [doc.outline] };
  const root = doc.struct("Document");
  doc.addStructure(root);
  writeTitleBlock(doc, root, version, area);
  renderBlocks(layout, prepared.blocks, area, root);
  writeApproval(layout, root, version, area);
  root.end();
  writePageMarks(doc, version, hash);
  doc.end();
  return bytes;
}
