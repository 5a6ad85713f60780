import { describe, expect, it } from "vitest";
import { cutAtParagraphBreaks, paragraphBreak, segmentWordCounts, wordSegments } from "./segments.js";

const show = (segments: readonly { kind: string; text: string }[]): string =>
  segments
    .map((segment) => (segment.kind === "equal" ? segment.text : segment.kind === "insert" ? `[+${segment.text}+]` : `[-${segment.text}-]`))
    .join("")
    .replaceAll(paragraphBreak, "¶");

describe("wordSegments", () => {
  it.each([
    ["an inserted word", "keep for days", "keep for 180 days", "keep for [+180 +]days"],
    ["a replaced number", "within 45 days", "within 30 days", "within [-45-][+30+] days"],
    ["a rewritten phrase as one deletion and one insertion, not a stutter", "they are a tool; they do not replace", "so as to promote trust, and never replace", "[-they are a tool; they do not-][+so as to promote trust, and never+] replace"],
    ["a split, losing the space it replaced silently", `One. Two.`, `One.${paragraphBreak}Two.`, "One.[+¶+]Two."],
    ["a join, keeping the space it gained as equal text", `One.${paragraphBreak}Two.`, "One. Two.", "One.[-¶-] Two."],
    ["identical text as one equal run", "Nothing changed here.", "Nothing changed here.", "Nothing changed here."],
  ])("shows %s", (_name, before, after, expected) => {
    expect(show(wordSegments(before, after))).toBe(expected);
  });
});

describe("cutAtParagraphBreaks", () => {
  it("ends each paragraph of a split at its pilcrow and keeps deletions where they were", () => {
    const segments = wordSegments("Keep for 90 days. Then delete them.", `Keep for 180 days.${paragraphBreak}Then delete them.`);
    expect(cutAtParagraphBreaks(segments, 2).map(show)).toEqual(["Keep for [-90-][+180+] days.[+¶+]", "Then delete them."]);
  });

  it("never gives a paragraph past the last one", () => {
    expect(cutAtParagraphBreaks([{ kind: "insert", text: `a${paragraphBreak}b${paragraphBreak}c` }], 2).map(show)).toEqual(["[+a¶+]", "[+b¶c+]"]);
  });
});

describe("segmentWordCounts", () => {
  it("counts words, not spaces, punctuation or paragraph breaks", () => {
    expect(segmentWordCounts(wordSegments(`The officer's report.${paragraphBreak}`, "The officer's non-evidentiary report, 180 days."))).toEqual({ inserted: 3, deleted: 0 });
  });
});
