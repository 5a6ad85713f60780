import type { PolicyMarkJSON } from "@accord/policy-schema";
import type { RedlineMark, TextRun } from "./redline-types.js";

// The order marks are kept and nested in, outermost first (the schema's own order), so that two
// spellings of the same formatting ("strong, em" and "em, strong") are one formatting.
const markOrder: readonly RedlineMark["type"][] = ["link", "em", "strong", "underline"];

function isFormattingMark(type: string): type is RedlineMark["type"] {
  return (markOrder as readonly string[]).includes(type);
}

const noMarks: readonly RedlineMark[] = Object.freeze([]);

/**
 * The formatting marks of a text node, in the schema's order; anything else (the suggestion
 * marks) is not formatting and is left out. Attributes are kept only for links: a changed href or
 * title is a changed link.
 */
export function redlineMarksOf(marks: readonly PolicyMarkJSON[] | undefined): readonly RedlineMark[] {
  // Most text is plain: it shares one empty list instead of sorting a new one.
  if (marks === undefined || marks.length === 0) return noMarks;
  const kept: RedlineMark[] = [];
  for (const mark of marks ?? []) {
    if (!isFormattingMark(mark.type)) continue;
    if (mark.type !== "link") {
      kept.push({ type: mark.type });
      continue;
    }
    const href = mark.attrs?.["href"];
    const title = mark.attrs?.["title"];
    kept.push({
      type: "link",
      ...(typeof href === "string" ? { href } : {}),
      ...(typeof title === "string" && title !== "" ? { title } : {}),
    });
  }
  return kept.sort((left, right) => markOrder.indexOf(left.type) - markOrder.indexOf(right.type));
}

/** A string equal for two lists of marks exactly when they are the same formatting. */
export function marksSignature(marks: readonly RedlineMark[] | undefined): string {
  if (marks === undefined || marks.length === 0) return "";
  return (marks ?? []).map((mark) => (mark.type === "link" ? `link(${mark.href ?? ""} ${mark.title ?? ""})` : mark.type)).join("+");
}

/** A run with its marks, or without the field when it is plain text (so plain redlines stay as they were). */
export function textRun(text: string, marks: readonly RedlineMark[] | undefined): TextRun {
  return marks === undefined || marks.length === 0 ? { text } : { text, marks };
}

/** Whether any run of a text is formatted. */
export function isFormatted(runs: readonly TextRun[]): boolean {
  return runs.some((run) => run.marks !== undefined && run.marks.length > 0);
}

/**
 * A text's runs, indexed by where each starts, to cut any stretch of the text into its runs of like
 * formatting. The stretches a word diff asks for come in order, so the search starts where the last
 * one ended: the whole diff walks each text once.
 */
export class FormattedText {
  readonly text: string;
  readonly #runs: readonly TextRun[];
  readonly #starts: number[] = [];
  #cursor = 0;

  constructor(runs: readonly TextRun[]) {
    this.#runs = runs;
    let at = 0;
    for (const run of runs) {
      this.#starts.push(at);
      at += run.text.length;
    }
    this.text = runs.map((run) => run.text).join("");
  }

  /** The pieces of text[from, to) in runs of like formatting. */
  slice(from: number, to: number): TextRun[] {
    const pieces: TextRun[] = [];
    if (from >= to) return pieces;
    if (this.#cursor >= this.#runs.length || this.#starts[this.#cursor]! > from) this.#cursor = 0;
    while (this.#cursor + 1 < this.#runs.length && this.#starts[this.#cursor + 1]! <= from) this.#cursor++;
    let index = this.#cursor;
    let at = from;
    while (at < to && index < this.#runs.length) {
      const run = this.#runs[index]!;
      const end = Math.min(to, this.#starts[index]! + run.text.length);
      if (end > at) pieces.push(textRun(this.text.slice(at, end), run.marks));
      at = end;
      index++;
    }
    return pieces;
  }
}

/** Runs of plain text: a string, or runs already. */
export function asRuns(text: string | readonly TextRun[]): readonly TextRun[] {
  return typeof text === "string" ? [{ text }] : text;
}
