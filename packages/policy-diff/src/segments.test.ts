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
    [
      "a rewritten phrase as one deletion and one insertion, not a stutter",
      "they are a tool; they do not replace",
      "so as to promote trust, and never replace",
      "[-they are a tool; they do not-][+so as to promote trust, and never+] replace",
    ],
    ["a split, losing the space it replaced silently", `One. Two.`, `One.${paragraphBreak}Two.`, "One.[+¶+]Two."],
    ["a join, keeping the space it gained as equal text", `One.${paragraphBreak}Two.`, "One. Two.", "One.[-¶-] Two."],
    ["identical text as one equal run", "Nothing changed here.", "Nothing changed here.", "Nothing changed here."],
  ])("shows %s", (_name, before, after, expected) => {
    expect(show(wordSegments(before, after))).toBe(expected);
  });
});

describe("wordSegments of formatted text", () => {
  const bold = [{ type: "strong" as const }];

  it("keeps the marks of equal, inserted and deleted words", () => {
    const before = [{ text: "Keep " }, { text: "45", marks: bold }, { text: " days." }];
    const after = [
      { text: "Keep " },
      { text: "30", marks: bold },
      { text: " days, " },
      { text: "then", marks: [{ type: "em" as const }] },
      { text: " delete." },
    ];
    expect(wordSegments(before, after)).toEqual([
      { kind: "equal", text: "Keep " },
      { kind: "delete", text: "45", marks: bold },
      { kind: "insert", text: "30", marks: bold },
      { kind: "equal", text: " days" },
      { kind: "insert", text: ", " },
      { kind: "insert", text: "then", marks: [{ type: "em" }] },
      { kind: "insert", text: " delete" },
      { kind: "equal", text: "." },
    ]);
  });

  it("shows equal words whose formatting changed as deleted in the old and inserted in the new, marked formatOnly", () => {
    const segments = wordSegments(
      [{ text: "Officers shall record." }],
      [{ text: "Officers " }, { text: "shall", marks: bold }, { text: " record." }],
    );
    expect(segments).toEqual([
      { kind: "equal", text: "Officers " },
      { kind: "delete", text: "shall", formatOnly: true },
      { kind: "insert", text: "shall", marks: bold, formatOnly: true },
      { kind: "equal", text: " record." },
    ]);
    expect(segmentWordCounts(segments)).toEqual({ inserted: 0, deleted: 0 });
  });

  it("keeps formatting across a split paragraph", () => {
    const segments = wordSegments(
      [{ text: "One " }, { text: "sentence", marks: bold }, { text: ". Two." }],
      [{ text: "One " }, { text: "sentence", marks: bold }, { text: `.${paragraphBreak}Two.` }],
    );
    expect(cutAtParagraphBreaks(segments, 2)).toEqual([
      [
        { kind: "equal", text: "One " },
        { kind: "equal", text: "sentence", marks: bold },
        { kind: "equal", text: "." },
        { kind: "insert", text: paragraphBreak },
      ],
      [{ kind: "equal", text: "Two." }],
    ]);
  });
});

describe("cutAtParagraphBreaks", () => {
  it("ends each paragraph of a split at its pilcrow and keeps deletions where they were", () => {
    const segments = wordSegments("Keep for 90 days. Then delete them.", `Keep for 180 days.${paragraphBreak}Then delete them.`);
    expect(cutAtParagraphBreaks(segments, 2).map(show)).toEqual(["Keep for [-90-][+180+] days.[+¶+]", "Then delete them."]);
  });

  it("never gives a paragraph past the last one", () => {
    expect(cutAtParagraphBreaks([{ kind: "insert", text: `a${paragraphBreak}b${paragraphBreak}c` }], 2).map(show)).toEqual([
      "[+a¶+]",
      "[+b¶c+]",
    ]);
  });
});

describe("segmentWordCounts", () => {
  it("counts words, not spaces, punctuation or paragraph breaks", () => {
    expect(
      segmentWordCounts(wordSegments(`The officer's report.${paragraphBreak}`, "The officer's non-evidentiary report, 180 days.")),
    ).toEqual({ inserted: 3, deleted: 0 });
  });

  it("counts a word whose letters are formatted differently once, and words of separate insertions apart", () => {
    const segments = [
      { kind: "insert" as const, text: "Body", marks: [{ type: "strong" as const }] },
      { kind: "insert" as const, text: "cam" },
      { kind: "equal" as const, text: " records " },
      { kind: "insert" as const, text: "all" },
    ];
    expect(segmentWordCounts(segments)).toEqual({ inserted: 2, deleted: 0 });
  });
});
