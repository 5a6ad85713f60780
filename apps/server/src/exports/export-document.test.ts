import { InvalidPolicyDocumentError, docJSON, headingJSON, linkJSON, paragraphJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { listMarker, prepareDocument, type ExportParagraph } from "./export-document.js";
import { approvalSummary, printableText, versionFacts } from "./export-metadata.js";
import { assertExportableVersion } from "./version-export.js";
import { buildVersionExport, sampleApproval, sampleContentHash } from "@accord/test-support/version-export-fixtures.js";

describe("prepareDocument", () => {
  it("numbers the headings of the demo policy as the schema does", () => {
    const { blocks, sectionsByIndex } = prepareDocument(buildVersionExport().document);
    const headings = blocks.flatMap((block) => (block.kind === "heading" ? [`${block.number} ${block.title}`] : []));
    expect(headings).toContain("4.2 Timing of activation");
    expect(headings).toContain("9.3.c What is released");
    expect(headings.at(-1)).toBe("12 Community Reporting");
    expect(sectionsByIndex.get(0)?.number).toBe("1");
  });

  it("keeps the words of a link it refuses but drops the link", () => {
    const { blocks } = prepareDocument(
      docJSON(paragraphJSON("see ", linkJSON("this", "javascript:alert(1)"), " or ", linkJSON("that", "https://example.org/"))),
    );
    const [paragraph] = blocks as ExportParagraph[];
    expect(paragraph?.inlines).toEqual([
      { kind: "text", text: "see this or ", bold: false, italic: false, underline: false, href: null },
      { kind: "text", text: "that", bold: false, italic: false, underline: false, href: "https://example.org/" },
    ]);
  });

  it("drops control characters and turns raw line breaks into spaces", () => {
    const { blocks } = prepareDocument(docJSON(paragraphJSON("a\u0000b\nc\td"), paragraphJSON("\u0007")));
    expect(blocks).toEqual([
      { kind: "paragraph", inlines: [{ kind: "text", text: "ab c d", bold: false, italic: false, underline: false, href: null }] },
      { kind: "paragraph", inlines: [] },
    ]);
  });

  it("refuses a document the schema refuses, saying where", () => {
    expect(() => prepareDocument(docJSON(headingJSON(1, "x"), { type: "image" }))).toThrow(InvalidPolicyDocumentError);
    expect(() => prepareDocument({ type: "doc", content: [{ type: "heading", attrs: { level: 7 } }] })).toThrow(
      /\/content\/0\/attrs\/level/,
    );
  });
});

describe("export metadata", () => {
  it("prints list markers by kind and depth", () => {
    const list = { kind: "list", ordered: true, start: 7, items: [] } as const;
    expect(listMarker(list, 1, 0)).toBe("8.");
    expect(listMarker({ ...list, ordered: false }, 0, 0)).toBe("•");
    expect(listMarker({ ...list, ordered: false }, 0, 1)).toBe("–");
  });

  it("says a version without a record is not yet approved", () => {
    expect(approvalSummary(null)).toEqual({ status: "Not yet approved.", groups: [] });
  });

  it("states which bodies approved, and a rejection over any approval", () => {
    expect(approvalSummary(sampleApproval).status).toBe("Approved by Board of Police Commissioners and Police Union.");
    const [board, union] = sampleApproval.decisions;
    if (board === undefined || union === undefined) throw new Error("the sample has two decisions");
    const rejected = { ...sampleApproval, decisions: [board, { ...union, decision: "rejected" as const }] };
    expect(approvalSummary(rejected).status).toBe("Rejected by Police Union.");
  });

  it("lists the facts of a version with the hash in lowercase", () => {
    const facts = versionFacts(buildVersionExport({ contentHash: sampleContentHash.toUpperCase(), authorName: " Avery\n Facilitator " }));
    expect(facts.find((fact) => fact.label === "Saved by")?.value).toBe("Avery Facilitator");
    expect(facts.map((fact) => fact.label)).not.toContain("Author");
    expect(facts.find((fact) => fact.monospace)?.value).toBe(sampleContentHash);
  });

  it("keeps printable text and replaces lone surrogates", () => {
    expect(printableText("“ok” §\ud800")).toBe("“ok” §\ufffd");
  });

  it("refuses a hash that is not 64 hex digits and a bad version number", () => {
    expect(() => assertExportableVersion(buildVersionExport({ contentHash: "abc" }))).toThrow(/contentHash/);
    expect(() => assertExportableVersion(buildVersionExport({ versionNumber: 0 }))).toThrow(/versionNumber/);
    expect(() => assertExportableVersion(buildVersionExport({ savedAt: new Date("nope") }))).toThrow(/savedAt/);
  });
});
