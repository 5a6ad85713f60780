import { storableText } from "../../storage/storable-text.js";

/** The most characters (Unicode code points) a thread's quote keeps: what the API has always allowed. */
export const maxQuoteCharacters = 1000;

/** The first `count` characters (Unicode code points) of a text, never cutting a surrogate pair in half. */
export function firstCharacters(text: string, count: number): string {
  let end = 0;
  for (let taken = 0; taken < count && end < text.length; taken++) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  }
  return text.slice(0, end);
}

/**
 * The quote a new thread keeps: the text its anchor covers in the committed draft (never what a client
 * says it covers), cut to maxQuoteCharacters and made storable. A thread on a long passage still
 * says what it was about if that passage is later deleted.
 */
export function threadQuote(draftText: string): string {
  return storableText(firstCharacters(draftText, maxQuoteCharacters));
}

/** A quote shortened for a line of a notification: at most `count` characters, with "…" when cut. */
export function shortQuote(quote: string, count: number): string {
  const shown = firstCharacters(quote, count);
  return shown.length === quote.length ? quote : `${firstCharacters(quote, count - 1)}…`;
}
