// Words as the redline counts and compares them: runs of letters and digits, with inner
// apostrophes and hyphens kept ("officer's", "non-evidentiary" are one word each), so that the
// statistics match what a reader would count. Punctuation and spacing are not words.
const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** A multiset of lower-cased words: each word and how often it occurs. */
export type WordBag = ReadonlyMap<string, number>;

/** The words of `text`, lower-cased, in order. */
export function wordsOf(text: string): string[] {
  return (text.match(wordPattern) ?? []).map((word) => word.toLowerCase());
}

/** How many words `text` holds. */
export function countWords(text: string): number {
  return text.match(wordPattern)?.length ?? 0;
}

/** The bag of words of `text`. */
export function wordBagOf(text: string): WordBag {
  const bag = new Map<string, number>();
  for (const word of wordsOf(text)) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/** How many words two bags have in common, counting repeats (the size of their multiset intersection). */
export function commonWordCount(left: WordBag, right: WordBag): number {
  const [smaller, larger] = left.size <= right.size ? [left, right] : [right, left];
  let common = 0;
  for (const [word, count] of smaller) common += Math.min(count, larger.get(word) ?? 0);
  return common;
}

/** The total number of words in a bag. */
export function bagSize(bag: WordBag): number {
  let size = 0;
  for (const count of bag.values()) size += count;
  return size;
}

/** One bag holding the words of all the given bags. */
export function mergeBags(bags: readonly WordBag[]): WordBag {
  const merged = new Map<string, number>();
  for (const bag of bags) for (const [word, count] of bag) merged.set(word, (merged.get(word) ?? 0) + count);
  return merged;
}

/**
 * Whether two texts with `common` words in common, of `leftSize` and `rightSize` words, are
 * versions of the same text. Either they share most of their words (the Dice coefficient is at
 * least 0.5), or the shorter one, of at least four words, is mostly (60 %) inside the longer:
 * a sentence that grew into a paragraph ("Officers shall activate the BWC as soon as
 * practical." becoming three stricter sentences) is still the same provision, rewritten.
 */
export function areSimilar(common: number, leftSize: number, rightSize: number): boolean {
  if (leftSize === 0 && rightSize === 0) return true;
  if ((2 * common) / (leftSize + rightSize) >= 0.5) return true;
  const shorter = Math.min(leftSize, rightSize);
  return shorter >= 4 && common / shorter >= 0.6;
}
