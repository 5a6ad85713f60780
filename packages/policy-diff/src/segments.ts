import { diffWordsWithSpace } from "diff";
import { asRuns, FormattedText, marksSignature, textRun } from "./formatting.js";
import type { TextRun, TextSegment } from "./redline-types.js";
import { countWords } from "./words.js";

/**
 * The character (U+2029 PARAGRAPH SEPARATOR) that stands for a paragraph boundary inside a word
 * diff: inserted where a paragraph was split, deleted where two were joined. It is whitespace
 * to the word differ, never a word, so a split with no other edit inserts and deletes no words.
 */
export const paragraphBreak = "\u2029";

type SegmentKind = TextSegment["kind"];

const isBlank = (text: string): boolean => text.trim() === "";

function sameFormatting(left: TextSegment, right: TextSegment): boolean {
  return left.formatOnly === right.formatOnly && marksSignature(left.marks) === marksSignature(right.marks);
}

function segment(kind: SegmentKind, run: TextRun, formatOnly = false): TextSegment {
  return { kind, ...run, ...(formatOnly ? { formatOnly: true as const } : {}) };
}

// Appends a segment, merged into the last one when it is of the same kind and formatting.
function pushSegment(segments: TextSegment[], next: TextSegment): void {
  if (next.text === "") return;
  const last = segments.at(-1);
  if (last?.kind === next.kind && sameFormatting(last, next)) segments[segments.length - 1] = { ...last, text: last.text + next.text };
  else segments.push(next);
}

function pushMerged(segments: TextSegment[], kind: SegmentKind, text: string): void {
  pushSegment(segments, { kind, text });
}

function isBreakOf(segment: { kind: SegmentKind; text: string } | undefined, kind: SegmentKind): boolean {
  return segment?.kind === kind && segment.text.includes(paragraphBreak) && isBlank(segment.text);
}

const hasWord = /[\p{L}\p{N}]/u;

// A word differ that treats spaces as tokens keeps the spaces of a rewritten sentence as "equal",
// which cuts a rewrite into a stutter of one-word swaps ("<del>cameras</del><ins>as</ins>
// <del>are</del><ins>to</ins> …"). Inside a stretch of changes that deletes and inserts, equal
// runs without a word (spaces, punctuation) are therefore folded into both sides, so the reader
// sees the old phrase struck out and the new one after it. A folded run keeps its formatting.
function foldWordlessEqualities(segments: readonly TextSegment[]): TextSegment[] {
  const folded: TextSegment[] = [];
  const isWordless = (index: number): boolean => {
    const at = segments[index];
    return at?.kind === "equal" && !hasWord.test(at.text);
  };
  let start = 0;
  while (start < segments.length) {
    if (segments[start]!.kind === "equal") {
      pushSegment(folded, segments[start++]!);
      continue;
    }
    // The stretch runs on over wordless equal runs (one or several, of different formatting) for
    // as long as a change follows them.
    let end = start;
    for (;;) {
      let next = end + 1;
      while (isWordless(next)) next++;
      if (next >= segments.length || segments[next]!.kind === "equal") break;
      end = next;
    }
    const stretch = segments.slice(start, end + 1);
    if (stretch.some((run) => run.kind === "delete") && stretch.some((run) => run.kind === "insert")) {
      for (const run of stretch) if (run.kind !== "insert") pushSegment(folded, { ...run, kind: "delete" });
      for (const run of stretch) if (run.kind !== "delete") pushSegment(folded, { ...run, kind: "insert" });
    } else {
      for (const run of stretch) pushSegment(folded, run);
    }
    start = end + 1;
  }
  return folded;
}

/** A run of the plain word diff, with where it starts in the before and the after text. */
interface PlacedChange {
  readonly kind: SegmentKind;
  readonly text: string;
  readonly beforeAt?: number;
  readonly afterAt?: number;
}

// The plain word diff of the two texts, each run placed in the text(s) it comes from. Around a
// paragraph break the space it replaced is not reported as a change (see wordSegments).
function placedWordDiff(before: string, after: string): PlacedChange[] {
  const raw: PlacedChange[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  for (const change of diffWordsWithSpace(before, after)) {
    if (change.added) {
      raw.push({ kind: "insert", text: change.value, afterAt });
      afterAt += change.value.length;
    } else if (change.removed) {
      raw.push({ kind: "delete", text: change.value, beforeAt });
      beforeAt += change.value.length;
    } else {
      raw.push({ kind: "equal", text: change.value, beforeAt, afterAt });
      beforeAt += change.value.length;
      afterAt += change.value.length;
    }
  }
  const placed: PlacedChange[] = [];
  raw.forEach((change, index) => {
    const neighbours = [raw[index - 1], raw[index + 1]];
    const isPlainSpace = isBlank(change.text) && !change.text.includes(paragraphBreak);
    if (change.kind === "delete" && isPlainSpace && neighbours.some((neighbour) => isBreakOf(neighbour, "insert"))) return;
    // The space a join gained is shown as equal text; it exists in the after text only.
    if (change.kind === "insert" && isPlainSpace && neighbours.some((neighbour) => isBreakOf(neighbour, "delete"))) {
      placed.push({ ...change, kind: "equal" });
      return;
    }
    placed.push(change);
  });
  return placed;
}

// The runs of the diff cut where the formatting changes. Equal text whose formatting differs on
// the two sides is shown as its old formatting deleted and its new one inserted (formatOnly), so
// a word made bold reads as a change, and one struck-out-then-inserted pair stands for each
// stretch of reformatted text.
function formattedSegments(placed: readonly PlacedChange[], before: FormattedText, after: FormattedText): TextSegment[] {
  const segments: TextSegment[] = [];
  for (const change of placed) {
    const end = (at: number) => at + change.text.length;
    if (change.kind === "insert" || (change.kind === "equal" && change.beforeAt === undefined)) {
      for (const run of after.slice(change.afterAt!, end(change.afterAt!))) pushSegment(segments, segment(change.kind, run));
      continue;
    }
    if (change.kind === "delete") {
      for (const run of before.slice(change.beforeAt!, end(change.beforeAt!))) pushSegment(segments, segment("delete", run));
      continue;
    }
    const beforeRuns = before.slice(change.beforeAt!, end(change.beforeAt!));
    const afterRuns = after.slice(change.afterAt!, end(change.afterAt!));
    let deleted: TextRun[] = [];
    let inserted: TextRun[] = [];
    const flush = (): void => {
      for (const run of deleted) pushSegment(segments, segment("delete", run, true));
      for (const run of inserted) pushSegment(segments, segment("insert", run, true));
      deleted = [];
      inserted = [];
    };
    // Walk both cuttings of the same text at once, piece by piece between the boundaries of either.
    let [beforeIndex, afterIndex, beforeOffset, afterOffset] = [0, 0, 0, 0];
    while (beforeIndex < beforeRuns.length && afterIndex < afterRuns.length) {
      const beforeRun = beforeRuns[beforeIndex]!;
      const afterRun = afterRuns[afterIndex]!;
      const length = Math.min(beforeRun.text.length - beforeOffset, afterRun.text.length - afterOffset);
      const text = beforeRun.text.slice(beforeOffset, beforeOffset + length);
      if (marksSignature(beforeRun.marks) === marksSignature(afterRun.marks)) {
        flush();
        pushSegment(segments, segment("equal", textRun(text, afterRun.marks)));
      } else {
        deleted.push(textRun(text, beforeRun.marks));
        inserted.push(textRun(text, afterRun.marks));
      }
      beforeOffset += length;
      afterOffset += length;
      if (beforeOffset === beforeRun.text.length) [beforeIndex, beforeOffset] = [beforeIndex + 1, 0];
      if (afterOffset === afterRun.text.length) [afterIndex, afterOffset] = [afterIndex + 1, 0];
    }
    flush();
  }
  return segments;
}

/**
 * The word-level diff of two texts, plain or in runs of formatting: runs of equal, inserted and
 * deleted text, each with its marks, adjacent runs of one kind and formatting merged, and the
 * spaces and punctuation inside a rewritten phrase folded into it. Words are compared by their
 * text; where equal words changed formatting, they show as deleted in the old formatting and
 * inserted in the new (formatOnly). Around a paragraph break the space it replaced is not
 * reported as a change: a split replaces "here. Next" by "here.¶Next", and showing the lost space
 * as deleted would be noise; a join turns "here.¶Next" into "here. Next", and the space it gained
 * is kept as equal text. (So equal and deleted runs give the before text only up to those spaces.)
 */
export function wordSegments(before: string | readonly TextRun[], after: string | readonly TextRun[]): TextSegment[] {
  const beforeText = new FormattedText(asRuns(before));
  const afterText = new FormattedText(asRuns(after));
  const placed = placedWordDiff(beforeText.text, afterText.text);
  return foldWordlessEqualities(formattedSegments(placed, beforeText, afterText));
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
      pushSegment(cut[current]!, segment);
      continue;
    }
    segment.text.split(paragraphBreak).forEach((piece, index) => {
      if (index > 0) {
        pushMerged(cut[current]!, segment.kind, paragraphBreak);
        current = Math.min(current + 1, parts - 1);
      }
      pushSegment(cut[current]!, { ...segment, text: piece });
    });
  }
  return cut;
}

/**
 * The words inserted and deleted by a list of segments (paragraph breaks and spacing are not
 * words, and neither are words that only changed formatting). Consecutive runs of one kind are
 * read as one text, so a word half bold is still one word.
 */
export function segmentWordCounts(segments: readonly TextSegment[]): { inserted: number; deleted: number } {
  const texts = { insert: "", delete: "", equal: "" };
  let previous: TextSegment | undefined;
  for (const segment of segments) {
    const counted = segment.formatOnly !== true;
    if (counted) texts[segment.kind] += previous?.kind === segment.kind && previous.formatOnly !== true ? segment.text : ` ${segment.text}`;
    previous = segment;
  }
  return { inserted: countWords(texts.insert), deleted: countWords(texts.delete) };
}
