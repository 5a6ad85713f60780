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

/** Escapes `& < > " '` so that `text` can be placed in HTML text or in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(htmlSpecialCharacters, (character) => htmlEscapes[character] ?? character);
}
