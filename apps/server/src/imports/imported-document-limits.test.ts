import type { PolicyNodeJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { importLimits } from "@accord/api-contract/import-limits";
import { checkImportedDocumentSize, importedDocumentSize } from "./imported-document-limits.js";

const paragraph = (text: string): PolicyNodeJSON => ({ type: "paragraph", content: [{ type: "text", text }] });

describe("the size of an imported document", () => {
  it("counts characters of text and blocks, a list and each of its items and paragraphs alike", () => {
    const document: PolicyNodeJSON = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Purpose" }] },
        { type: "bullet_list", content: [{ type: "list_item", content: [paragraph("one")] }] },
        { type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hard_break" }, { type: "text", text: "b" }] },
      ],
    };
    expect(importedDocumentSize(document)).toEqual({ characters: 7 + 3 + 2, blocks: 5 });
  });

  it("refuses a document of more characters or more blocks than the limits, saying how many", () => {
    const blocks = (count: number): PolicyNodeJSON => ({ type: "doc", content: Array.from({ length: count }, () => paragraph("x")) });
    expect(() => checkImportedDocumentSize(blocks(importLimits.documentBlocks), "Markdown file")).not.toThrow();
    expect(() => checkImportedDocumentSize(blocks(importLimits.documentBlocks + 1), "Markdown file")).toThrow(
      expect.objectContaining({ code: "import_exceeds_limits", message: expect.stringMatching(/makes 20,001 .* at most 20,000/) }),
    );
    const long: PolicyNodeJSON = { type: "doc", content: [paragraph("x".repeat(importLimits.documentCharacters + 1))] };
    expect(() => checkImportedDocumentSize(long, "Word document")).toThrow(
      expect.objectContaining({
        code: "import_exceeds_limits",
        message: expect.stringMatching(/This Word document holds 500,001 characters/),
      }),
    );
  });
});
