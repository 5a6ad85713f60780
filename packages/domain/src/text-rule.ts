/**
 * The one rule for every piece of text Accord accepts from outside (request bodies, path parameters,
 * query strings): no control character, and nothing that is not a character at all.
 *
 * Why: PostgreSQL's text cannot hold U+0000 (an insert fails); XML 1.0, which the Atom feed and the
 * exports are, cannot hold the other C0 controls, lone surrogates or noncharacters; and none of them has
 * a place in a title or a comment. Tab is allowed everywhere (pasted text holds it); line feed and
 * carriage return only in a field that holds several lines (a comment, a reason, a note, a summary).
 */

/** Whether a field holds one line (a title, a label, a name) or several (a comment, a reason, a summary). */
export type TextLines = "single-line" | "multi-line";

/** The kinds of text a field may be, as listed once for schemas and documentation. */
export const textLines: readonly TextLines[] = ["single-line", "multi-line"];

// C0 controls but tab, U+007F and the C1 controls, lone surrogates (the `u` flag makes a surrogate range
// match only an unpaired half), and the noncharacters (U+FDD0–U+FDEF and the last two of every plane,
// U+FFFE and U+FFFF among them, which XML refuses): the output escaping replaces the same set, so
// nothing accepted is shown altered.
const forbiddenInOneLine = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/u;
const forbiddenInSeveralLines = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/u;

/**
 * The first character the rule refuses in `text`, written as `U+XXXX`, or null when the text is
 * acceptable. Line breaks are refused unless `lines` is "multi-line".
 */
export function forbiddenCharacterIn(text: string, lines: TextLines): string | null {
  const match = (lines === "multi-line" ? forbiddenInSeveralLines : forbiddenInOneLine).exec(text);
  if (!match) return null;
  return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The sentence a validation error gives for a refused character. */
export function forbiddenCharacterMessage(character: string, lines: TextLines): string {
  return lines === "multi-line"
    ? `must not contain control characters (found ${character}); tab and line breaks are allowed`
    : `must be one line without control characters (found ${character}); tab is allowed`;
}
