import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFDocument from "pdfkit";

// The PDF export embeds DejaVu Sans (from the dejavu-fonts-ttf package; Bitstream Vera licence,
// free to redistribute) instead of using the standard PDF fonts: those are not embedded (so the file
// cannot be archived as PDF/A), carry no Unicode map, and print only Western European characters,
// which mangled names in Vietnamese, Polish, Greek or Cyrillic. pdfkit embeds only the glyphs used
// (a subset) with a ToUnicode map, so copied and extracted text is the text that was written.

/** The names under which the export's fonts are registered on a pdfkit document. */
export const pdfFonts = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  italic: "DejaVuSans-Oblique",
  boldItalic: "DejaVuSans-BoldOblique",
  monospace: "DejaVuSansMono",
} as const;

type FontName = (typeof pdfFonts)[keyof typeof pdfFonts];

const require = createRequire(import.meta.url);
let fontFiles: ReadonlyMap<FontName, Buffer> | undefined;

// Read once per process: the files are about 3 MB together, and every export needs them.
function loadFontFiles(): ReadonlyMap<FontName, Buffer> {
  fontFiles ??= new Map(
    Object.values(pdfFonts).map((name) => [name, readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`))] as const),
  );
  return fontFiles;
}

/** Registers the export's fonts (see pdfFonts) on a document. */
export function registerPdfFonts(doc: typeof PDFDocument): void {
  for (const [name, data] of loadFontFiles()) doc.registerFont(name, data);
}
