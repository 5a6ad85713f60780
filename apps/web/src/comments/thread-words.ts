import type { ThreadView } from "@accord/api-contract";

/** What a thread's card says it is on: the words as they are now, and the original quote when they differ. */
export interface ThreadWords {
  now: string;
  /** The words the thread was started on, when someone has since retyped them; null when unchanged. */
  originally: string | null;
}

/** Whitespace as a reader sees it: runs of spaces and line breaks are one space, none at the ends. */
const flat = (text: string): string => text.replace(/\s+/g, " ").trim();

/**
 * The words a thread is on. `wordsNow` is what its highlight covers in the live editor (null when it is
 * not placed there: still loading, or the text is deleted); without it, the server's `quote`, which is
 * the words in the committed draft (or the original once they are deleted). The original quote is
 * shown beside them only when a reader would see a difference, not for a space at an end.
 */
export function threadWords(thread: Pick<ThreadView, "quote" | "originalQuote">, wordsNow: string | null): ThreadWords {
  const now = wordsNow !== null && flat(wordsNow) !== "" ? wordsNow : thread.quote;
  return { now, originally: flat(thread.originalQuote) === flat(now) ? null : thread.originalQuote };
}
