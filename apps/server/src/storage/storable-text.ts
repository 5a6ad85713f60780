/**
 * Text taken from a draft as PostgreSQL can store it. A Yjs text may hold U+0000, which PostgreSQL's
 * text type cannot: a record of that text (a decision, a thread's quote) keeps U+FFFD in its place, a
 * visible stand-in, rather than failing the whole change.
 */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\ufffd");
}
