import { InvalidPolicyDocumentError, docJSON, headingJSON, markedTextJSON, paragraphJSON } from "@accord/policy-schema";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { exportMarkdown } from "./markdown-export.js";
import {
  buildVersionExport,
  demoNumberedHeadings,
  distinctiveDemoSentences,
  sampleApproval,
  sampleApprovalLines,
  sampleApprovalRecordOfThePage,
  sampleContentHash,
  suggestionDocument,
  trickyDocument,
} from "@accord/test-support/version-export-fixtures.js";

describe("exportMarkdown", () => {
  const demo = exportMarkdown(buildVersionExport());

  it("writes a header block with the title, version, label, time, who saved it and hash", () => {
    expect(demo).toContain("\n# Body-Worn Camera Policy\n\nVersion 3 — Draft for board review\n");
    expect(demo).toContain("- Saved: 2025-03-14 15:09 UTC");
    expect(demo).toContain("- Saved by: Avery Facilitator");
    expect(demo).not.toContain("Author");
    expect(demo).toContain(`- SHA-256 content hash: \`${sampleContentHash}\``);
    expect(demo).toMatch(/\n## Approval record\n\nNot yet approved\.\n$/);
  });

  it("writes headings as ATX headings with their section numbers, one level below the title", () => {
    expect(demo).toMatch(/^## 1 Purpose$/m);
    expect(demo).toMatch(/^### 4\.2 Timing of activation$/m);
    expect(demo).toMatch(/^#### 9\.3\.a Release timeline$/m);
    expect(demo).toMatch(/^## 12 Community Reporting$/m);
    for (const heading of demoNumberedHeadings) expect(demo).toContain(heading);
  });

  it("has one top-level heading, the title, with the sections below it, as a standard parser reads it", () => {
    const headings = new MarkdownIt()
      .parse(exportMarkdown(buildVersionExport({ approval: sampleApproval })), {})
      .flatMap((token, index, tokens) => (token.type === "heading_open" ? [`${token.tag} ${tokens[index + 1]?.content ?? ""}`] : []));
    expect(headings.filter((heading) => heading.startsWith("h1 "))).toEqual(["h1 Body-Worn Camera Policy"]);
    expect(headings).toContain("h2 1 Purpose");
    expect(headings).toContain("h3 4.2 Timing of activation");
    expect(headings).toContain("h4 9.3.a Release timeline");
    // The approval record closes the file, as on the public page: an h2 with an h3 per group.
    expect(headings.slice(-4)).toEqual([
      "h2 Approval record",
      "h3 Working-group sign-offs",
      "h3 Decisions of the approving bodies",
      "h3 Publication",
    ]);
  });

  it("writes lists, quotes, marks, links and hard breaks in Markdown syntax", () => {
    expect(demo).toMatch(/^- \*\*Body-worn camera\*\* \(BWC\) means/m);
    expect(demo).toMatch(/^1\. responding to a call for service/m);
    expect(demo).toMatch(/^> “A law enforcement agency may withhold/m);
    expect(demo).toContain("Recordings <u>supplement, but never replace,</u> an officer's written report");
    expect(demo).toContain("[Body-Worn Camera Toolkit](https://bja.ojp.gov/program/bwc)");
    expect(demo).toContain(
      "Office of Police Accountability:\\\n200 Main Street, Riverton\\\n[bwc-concerns@riverton.example](mailto:bwc-concerns@riverton.example)",
    );
  });

  it("carries the text of the policy word for word", () => {
    for (const sentence of distinctiveDemoSentences) expect(demo).toContain(sentence);
  });

  it("opens a version that is not approved with the notice that it is a draft", () => {
    expect(
      demo.startsWith(
        "> **Draft — not approved.** This version has not been approved by the required bodies and is not policy in force.\n\n# Body-Worn Camera Policy\n",
      ),
    ).toBe(true);
  });

  it("prints the approval record when there is one, and no draft notice", () => {
    const approved = exportMarkdown(buildVersionExport({ approval: sampleApproval }));
    expect(approved.startsWith("# Body-Worn Camera Policy\n\nVersion 3 — Draft for board review\n")).toBe(true);
    expect(approved).not.toContain("not approved");
    expect(approved).toContain("## Approval record\n\nApproved by Board of Police Commissioners and Police Union.");
    for (const line of [...sampleApprovalLines, ...sampleApprovalRecordOfThePage]) expect(approved).toContain(line);
    expect(approved).toContain("- Citizen: Sam Okafor and Lee Park");
    expect(approved).toContain("- Effective on 2025-05-01");
  });

  describe("with hostile and tricky content", () => {
    const tricky = exportMarkdown(buildVersionExport({ document: trickyDocument, policyTitle: "BWC <script>x</script>" }));

    it("never writes a refused link, only its words", () => {
      expect(tricky).not.toMatch(/javascript/i);
      expect(tricky).toContain("Do not click the hostile link but read [the toolkit](https://bja.ojp.gov/program/bwc).");
    });

    it("escapes markup-like text so that it stays text", () => {
      expect(tricky).not.toContain("<script>");
      expect(tricky).toContain("## 1 Scope \\<script\\>alert(1)\\</script\\>");
      expect(tricky).toContain('Never run \\<script\\>alert("x")\\</script\\> from a policy \\& never trust \\*stars\\*.');
      expect(tricky).toContain("\n# BWC \\<script\\>x\\</script\\>\n");
    });

    it("keeps the line after a hard break from becoming a heading or a list", () => {
      expect(tricky).toContain("Line one\\\n\\# not a heading\\\n\\- not a list");
    });

    it("keeps lists apart and numbers a list from its own start", () => {
      expect(tricky).toContain("1. first numbered item\n2. second numbered item\n   - nested bullet item");
      // A different delimiter, so that CommonMark does not continue the previous list.
      expect(tricky).toMatch(/^7\) seventh item\n8\) eighth item$/m);
    });

    it("writes bold, italic and underline", () => {
      expect(tricky).toContain("Plain **bold words** and *italic words* and <u>underlined words</u>.");
      expect(tricky).toMatch(/^#### 1\.1\.a A lettered clause$/m);
      expect(tricky).toContain("> A quoted statute sentence.");
    });
  });

  it("keeps a heading's trailing # as text", () => {
    const markdown = exportMarkdown(buildVersionExport({ document: docJSON(headingJSON(2, "Form ##")) }));
    expect(markdown).toContain("### 0.1 Form \\##\n");
  });

  it("writes pending suggestions in CriticMarkup and says in the header that they are not policy text", () => {
    const markdown = exportMarkdown(buildVersionExport({ document: suggestionDocument }));
    expect(markdown).toContain("Footage is kept {--ninety--}{++one hundred **eighty**++} days.");
    expect(markdown).toMatch(
      /^- Pending suggestions: 2, marked in the text as suggested insertions and deletions: they are not part of the policy/m,
    );
    expect(demo).not.toContain("Pending suggestions");
  });

  it("escapes braces, so that text can neither end a suggestion early nor pose as one", () => {
    const suggested = { type: "insertion", attrs: { id: "i1", author: "u1", affiliation: null, time: "2026-11-28T09:00:00.000Z" } };
    const document = docJSON(paragraphJSON("Plain {++posing++} and ", markedTextJSON("real ++} text", suggested), "."));
    expect(exportMarkdown(buildVersionExport({ document }))).toContain("Plain \\{++posing++\\} and {++real ++\\} text++}.");
  });

  it("refuses a malformed document or hash", () => {
    expect(() => exportMarkdown(buildVersionExport({ document: { type: "doc", content: [{ type: "video" }] } }))).toThrow(
      InvalidPolicyDocumentError,
    );
    expect(() => exportMarkdown(buildVersionExport({ document: docJSON(paragraphJSON("x")), contentHash: "1234" }))).toThrow(RangeError);
  });
});
