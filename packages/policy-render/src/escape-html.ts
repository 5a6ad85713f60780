// The five characters that can end a text run or an attribute value in HTML. Escaping all five
// everywhere (not only `<` and `&` in text) means one function is safe in text, in double- and
// single-quoted attributes alike, so no caller has to know which position it writes to.
const htmlEscapes: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const htmlSpecialCharacters = /[&<>"']/g;

// Characters that neither XML 1.0 nor HTML allows in a document, whatever is stored: C0 controls other
// than tab and line breaks (XML 1.0 refuses them outright, so one would make an Atom feed unreadable),
// DEL and the C1 controls, noncharacters (U+FDD0–U+FDEF and every U+xFFFE/U+xFFFF), and lone surrogates
// (no UTF-8 form). Input validation refuses them, but text stored earlier or written some other way must
// still give well-formed output, so escaping is the last guard. Each becomes U+FFFD, the replacement
// character, rather than vanishing: a reader sees that the stored text held something unprintable.
// With the `u` flag, \p{Cs} matches only a surrogate that is not half of a pair.
const notInDocuments = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

/** Text with every character that XML 1.0 or HTML does not allow in a document replaced by U+FFFD. */
export function documentSafeText(text: string): string {
  return text.replace(notInDocuments, "\ufffd");
}

/**
 * Escapes `& < > " '` so that `text` can be placed in HTML or XML text or in a quoted attribute value,
 * and replaces characters no document may hold (see documentSafeText), so the output is well-formed.
 */
export function escapeHtml(text: string): string {
  return documentSafeText(text).replace(htmlSpecialCharacters, (character) => htmlEscapes[character] ?? character);
}
