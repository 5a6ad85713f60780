import { diffWordsWithSpace } from "diff";
import type { TextSegment } from "./redline-types.js";
import { countWords } from "./words.js";

/**
 * The character (U+2029 PARAGRAPH SEPARATOR) that stands for a paragraph boundary inside a word
 * diff: inserted where a paragraph was split, deleted where two were joined. It is whitespace
 * to the word differ, never a word, so a split with no other edit inserts and deletes no words.
 */
export const paragraphBreak = "\u2029";

type SegmentKind = TextSegment["kind"];

const isBlank = (text: string): boolean => text.trim() === "";

function pushMerged(segments: TextSegment[], kind: SegmentKind, text: string): void {
  if (text === "") return;
  const last = segments.at(-1);
  if (last?.kind === kind) segments[segments.length - 1] = { kind, text: last.text + text };
  else segments.push({ kind, text });
}

function isBreakOf(segment: TextSegment | undefined, kind: SegmentKind): boolean {
  return segment?.kind === kind && segment.text.includes(paragraphBreak) && isBlank(segment.text);
}

const hasWord = /[\p{L}\p{N}]/u;

// A word differ that treats spaces as tokens keeps the spaces of a rewritten sentence as "equal",
// which cuts a rewrite into a stutter of one-word swaps ("<del>cameras</del><ins>as</ins>
// <del>are</del><ins>to</ins> …"). Inside a stretch of changes that deletes and inserts, equal
// runs without a word (spaces, punctuation) are therefore folded into both sides, so the reader
// sees the old phrase struck out and the new one after it.
function foldWordlessEqualities(segments: readonly TextSegment[]): TextSegment[] {
  const folded: TextSegment[] = [];
  const isFoldable = (index: number): boolean => {
    const segment = segments[index];
    return segment?.kind === "equal" && !hasWord.test(segment.text) && segments[index + 1] !== undefined;
  };
  let start = 0;
  while (start < segments.length) {
    if (segments[start]!.kind === "equal") {
      pushMerged(folded, "equal", segments[start++]!.text);
      continue;
    }
    let end = start;
    while (end + 1 < segments.length && (segments[end + 1]!.kind !== "equal" || (isFoldable(end + 1) && segments[end + 2]!.kind !== "equal"))) end++;
    const stretch = segments.slice(start, end + 1);
    if (stretch.some((segment) => segment.kind === "delete") && stretch.some((segment) => segment.kind === "insert")) {
      pushMerged(folded, "delete", stretch.filter((segment) => segment.kind !== "insert").map((segment) => segment.text).join(""));
      pushMerged(folded, "insert", stretch.filter((segment) => segment.kind !== "delete").map((segment) => segment.text).join(""));
    } else {
      for (const segment of stretch) pushMerged(folded, segment.kind, segment.text);
    }
    start = end + 1;
  }
  return folded;
}

/**
 * The word-level diff of two texts: runs of equal, inserted and deleted text, adjacent runs of
 * one kind merged, and the spaces and punctuation inside a rewritten phrase folded into it.
 * Around a paragraph break the space it replaced is not reported as a change: a split replaces
 * "here. Next" by "here.¶Next", and showing the lost space as deleted would be noise; a join
 * turns "here.¶Next" into "here. Next", and the space it gained is kept as equal text. (So equal
 * and deleted runs give the before text only up to those spaces.)
 */
export function wordSegments(before: string, after: string): TextSegment[] {
  const raw: TextSegment[] = diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? "insert" : change.removed ? "delete" : "equal",
    text: change.value,
  }));
  const segments: TextSegment[] = [];
  raw.forEach((segment, index) => {
    const neighbours = [raw[index - 1], raw[index + 1]];
    if (segment.kind === "delete" && isBlank(segment.text) && !segment.text.includes(paragraphBreak)) {
      if (neighbours.some((neighbour) => isBreakOf(neighbour, "insert"))) return;
    }
    if (segment.kind === "insert" && isBlank(segment.text) && !segment.text.includes(paragraphBreak)) {
      if (neighbours.some((neighbour) => isBreakOf(neighbour, "delete"))) {
        pushMerged(segments, "equal", segment.text);
        return;
      }
    }
    pushMerged(segments, segment.kind, segment.text);
  });
  return foldWordlessEqualities(segments);
}

/**
 * Cuts the segments of a split paragraph into one list per resulting paragraph. An inserted
 * (or, harmlessly, equal) paragraph break ends a paragraph and stays at its end, where a
 * reader expects the pilcrow; deleted text, including the deleted breaks of a join, stays in the
 * paragraph it was deleted from.
 */
export function cutAtParagraphBreaks(segments: readonly TextSegment[], parts: number): TextSegment[][] {
  const cut: TextSegment[][] = Array.from({ length: parts }, () => []);
  let current = 0;
  for (const segment of segments) {
    if (segment.kind === "delete") {
      pushMerged(cut[current]!, segment.kind, segment.text);
      continue;
    }
    segment.text.split(paragraphBreak).forEach((piece, index) => {
      if (index > 0) {
        pushMerged(cut[current]!, segment.kind, paragraphBreak);
        current = Math.min(current + 1, parts - 1);
      }
      pushMerged(cut[current]!, segment.kind, piece);
    });
  }
  return cut;
}

/** The words inserted and deleted by a list of segments (paragraph breaks and spacing are not words). */
export function segmentWordCounts(segments: readonly TextSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const segment of segments) {
    if (segment.kind === "insert") inserted += countWords(segment.text);
    if (segment.kind === "delete") deleted += countWords(segment.text);
  }
  return { inserted, deleted };
}
