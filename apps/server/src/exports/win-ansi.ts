// The PDF export uses only the fourteen standard PDF fonts (Helvetica, Courier), which need no
// font files: the server has none to embed and may have no internet to fetch one. pdfkit writes
// those fonts in WinAnsiEncoding (Windows-1252), which has 218 printable characters. pdfkit does
// not check: a character outside the encoding is written as a wrong byte and prints as garbage.
// So every string for the PDF passes through toWinAnsi first.
//
// Typographic quotes, dashes, the bullet, the section sign and the ellipsis (“ ” ‘ ’ – — • § …)
// are all in WinAnsi and are kept as they are.

// The characters of Windows-1252 at 0x80–0x9F, which are not at their Unicode code points.
const winAnsiExtras = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Whether a code point can be printed by the standard PDF fonts (WinAnsiEncoding). */
export function isWinAnsi(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || winAnsiExtras.has(codePoint);
}

// Stand-ins for characters that a policy plausibly contains and that decomposition does not reach.
const substitutes: Readonly<Record<string, string>> = {
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "–", // figure dash
  "\u2015": "—", // horizontal bar
  "\u2212": "-", // minus sign
  "\u2032": "'", // prime
  "\u2033": '"', // double prime
  "\u2190": "<-",
  "\u2192": "->",
  "\u2194": "<->",
  "\u21d2": "=>",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2248": "~",
  "\u2713": "x", // check mark
  "\u2714": "x",
  "\u25cf": "•", // black circle
  "\u25e6": "•", // white bullet
  "\u25aa": "•", // small black square
  "\u2043": "-", // hyphen bullet
  "\u0141": "L", // Ł
  "\u0142": "l", // ł
  "\u0110": "D", // Đ
  "\u0111": "d", // đ
  "\u0131": "i", // dotless i
  "\u200b": "", // zero-width space
  "\u200c": "",
  "\u200d": "",
  "\u2060": "", // word joiner
  "\ufeff": "", // byte order mark
};

const combiningMarks = /\p{M}/gu;
const spaceSeparators = /\p{Zs}/u;

function substitute(character: string): string {
  const known = substitutes[character];
  if (known !== undefined) return known;
  // Every space (en, em, thin, narrow no-break…) prints as a plain space.
  if (spaceSeparators.test(character)) return " ";
  // Accented letters and compatibility forms (ő → o, ﬁ → fi, ① → 1) keep their base letters.
  const decomposed = character.normalize("NFKD").replace(combiningMarks, "");
  if (decomposed !== "" && [...decomposed].every((part) => isWinAnsi(part.codePointAt(0) ?? 0))) return decomposed;
  // Anything else (another script, an emoji) cannot be shown with the standard fonts.
  return "?";
}

/**
 * Text the standard PDF fonts can print: characters in WinAnsiEncoding are kept, others are
 * replaced by their nearest WinAnsi spelling (ő → o, → → "->"), or by "?" when there is none.
 * Line breaks ("\n") are kept.
 */
export function toWinAnsi(text: string): string {
  let result = "";
  for (const character of text) {
    // Line breaks are layout, not glyphs: pdfkit's line wrapper acts on them.
    result += character === "\n" || isWinAnsi(character.codePointAt(0) ?? 0) ? character : substitute(character);
  }
  return result;
}
