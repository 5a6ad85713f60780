import { docJSON, headingJSON, paragraphJSON, type PolicyNodeJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { BlockWords } from "./block-similarity.js";
import { flattenDocument } from "./blocks.js";
import { pairHunk } from "./pair-hunk.js";

const blocks = (...nodes: PolicyNodeJSON[]) => flattenDocument(docJSON(...nodes), "b");
const kinds = (steps: ReturnType<typeof pairHunk>): string[] =>
  steps.map((step) => (step.kind === "modified" ? `modified ${step.before.length}:${step.after.length}` : step.kind));

describe("pairHunk", () => {
  it("pairs similar blocks and leaves a new paragraph inserted", () => {
    const deleted = blocks(paragraphJSON("Officers shall activate the camera as soon as practical."));
    const inserted = blocks(
      paragraphJSON("Officers must activate the camera as soon as practical."),
      paragraphJSON("Buffered video does not satisfy this duty."),
    );
    expect(kinds(pairHunk(deleted, inserted, new BlockWords()))).toEqual(["modified 1:1", "inserted"]);
  });

  it("prefers reading two paragraphs as a split over pairing one half and inserting the other", () => {
    const deleted = blocks(paragraphJSON("Recordings are kept for ninety days. Flagged recordings are kept until the case closes."));
    const inserted = blocks(
      paragraphJSON("Recordings are kept for ninety days."),
      paragraphJSON("Flagged recordings are kept until the case closes."),
    );
    expect(kinds(pairHunk(deleted, inserted, new BlockWords()))).toEqual(["modified 1:2"]);
  });

  it("does not pair unrelated paragraphs, nor a heading with a paragraph", () => {
    const deleted = blocks(paragraphJSON("Recordings are kept for ninety days."), headingJSON(1, "Release"));
    const inserted = blocks(paragraphJSON("Supervisors audit two recordings a month."), paragraphJSON("Release"));
    expect(kinds(pairHunk(deleted, inserted, new BlockWords()))).toEqual(["deleted", "deleted", "inserted", "inserted"]);
  });

  it("pairs a renamed heading of the same level where it stood, however different its words", () => {
    expect(kinds(pairHunk(blocks(headingJSON(2, "Timing")), blocks(headingJSON(2, "When to record")), new BlockWords()))).toEqual([
      "modified 1:1",
    ]);
  });

  it("pairs the blocks of a wholesale rewrite greedily, still block by block", () => {
    const texts = Array.from({ length: 120 }, (_, index) => `Paragraph ${index} says officers record contact number ${index} in full.`);
    const deleted = blocks(...texts.map((text) => paragraphJSON(text)));
    const inserted = blocks(...texts.map((text) => paragraphJSON(text.replace("in full", "in part"))));
    const steps = pairHunk(deleted, inserted, new BlockWords());
    expect(kinds(steps)).toEqual(Array.from({ length: 120 }, () => "modified 1:1"));
    expect(steps.every((step) => step.kind === "modified" && step.before[0]!.text.startsWith(step.after[0]!.text.slice(0, 14)))).toBe(true);
  });
});
