import { isAllowedHref } from "@accord/policy-schema";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { exportDocx } from "./docx-export.js";
import { docxParts } from "@accord/test-support/docx-parts.js";
import {
  buildVersionExport,
  demoNumberedHeadings,
  distinctiveDemoSentences,
  normalizeWhitespace,
  sampleApproval,
  sampleApprovalLines,
  sampleContentHash,
  suggestionDocument,
  trickyDocument,
} from "@accord/test-support/version-export-fixtures.js";

async function readBack(buffer: Buffer): Promise<{ text: string; html: string }> {
  const [raw, html] = await Promise.all([mammoth.extractRawText({ buffer }), mammoth.convertToHtml({ buffer })]);
  return { text: normalizeWhitespace(raw.value), html: html.value };
}

describe("exportDocx", async () => {
  const demoBuffer = await exportDocx(buildVersionExport());
  const demo = await readBack(demoBuffer);

  it("carries the title, version, label, who saved it and the whole hash", () => {
    expect(demo.text).toContain("Body-Worn Camera Policy");
    expect(demo.text).toContain("Version 3 — Draft for board review");
    expect(demo.text).toContain("Saved by Avery Facilitator");
    expect(demo.text).not.toContain("Author");
    expect(demo.text).toContain(sampleContentHash);
    expect(demo.text).toContain("Not yet approved.");
  });

  it("writes numbered headings in Word's heading styles", () => {
    for (const heading of demoNumberedHeadings) expect(demo.text).toContain(heading);
    expect(demo.html).toContain("<h1>1 Purpose</h1>");
    expect(demo.html).toContain("<h2>4.2 Timing of activation</h2>");
    expect(demo.html).toContain("<h3>9.3.a Release timeline</h3>");
  });

  it("carries the text of the policy word for word", () => {
    for (const sentence of distinctiveDemoSentences) expect(demo.text).toContain(sentence);
  });

  it("writes real Word lists, marks and links", () => {
    expect(demo.html).toContain("<ol><li>responding to a call for service");
    expect(demo.html).toContain("<ul><li><strong>Body-worn camera</strong> (BWC) means");
    expect(demo.html).toContain('<a href="https://bja.ojp.gov/program/bwc">Body-Worn Camera Toolkit</a>');
    expect(demo.html).toContain('<a href="mailto:bwc-concerns@riverton.example">bwc-concerns@riverton.example</a>');
    expect(demo.html).toContain("Office of Police Accountability:<br />200 Main Street, Riverton<br />");
    const parts = docxParts(demoBuffer);
    expect(parts.get("word/document.xml")).toMatch(
      /<w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">supplement, but never replace,<\/w:t>/,
    );
    expect(parts.get("word/document.xml")).toContain('<w:pStyle w:val="BlockQuote"/>');
  });

  it("sets the document properties and puts the page number and hash in the footer", () => {
    const parts = docxParts(demoBuffer);
    const core = parts.get("docProps/core.xml") ?? "";
    expect(core).toContain("<dc:title>Body-Worn Camera Policy</dc:title>");
    expect(core).toContain("<dc:creator>Accord</dc:creator>");
    expect(core).toContain(`SHA-256 content hash: ${sampleContentHash}</dc:description>`);
    const footer = parts.get("word/footer1.xml") ?? "";
    expect(footer).toContain("PAGE");
    expect(footer).toContain(`<w:t xml:space="preserve">${sampleContentHash}</w:t>`);
    expect(parts.get("word/document.xml")).toContain('<w:pgSz w:w="12240" w:h="15840"');
  });

  it("marks a version that is not approved as a draft in the page header, on every page, and under the title", () => {
    const parts = docxParts(demoBuffer);
    const header = parts.get("word/header1.xml") ?? "";
    expect(header).toContain("Draft — not approved");
    // The section's default header: Word repeats it on every page.
    expect(parts.get("word/document.xml")).toMatch(/<w:headerReference w:type="default" r:id="[^"]+"\/>/);
    expect(demo.text).toContain(
      "Draft — not approved. This version has not been approved by the required bodies and is not policy in force.",
    );
  });

  it("prints the approval record when there is one, and no draft mark", async () => {
    const approvedBuffer = await exportDocx(buildVersionExport({ approval: sampleApproval }));
    const approved = await readBack(approvedBuffer);
    for (const [name, xml] of docxParts(approvedBuffer)) expect(xml, name).not.toContain("not approved");
    expect(approved.text).toContain("Approved by Board of Police Commissioners and Police Union.");
    for (const line of sampleApprovalLines) expect(approved.text).toContain(line);
    expect(approved.html).toContain("<h1>Approval record</h1>");
  });

  describe("with hostile and tricky content", async () => {
    const buffer = await exportDocx(buildVersionExport({ document: trickyDocument }));
    const tricky = await readBack(buffer);
    const parts = docxParts(buffer);

    it("never writes a refused link, anywhere in the package", () => {
      expect(tricky.text).toContain("Do not click the hostile link but read the toolkit.");
      for (const [name, xml] of parts) expect(xml, name).not.toMatch(/javascript/i);
      const hrefs = [...tricky.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? "");
      expect(hrefs).toEqual(["https://bja.ojp.gov/program/bwc"]);
      expect(hrefs.every(isAllowedHref)).toBe(true);
    });

    it("writes markup-like text as text", () => {
      expect(tricky.text).toContain("1 Scope <script>alert(1)</script>");
      expect(tricky.text).toContain('Never run <script>alert("x")</script> from a policy & never trust *stars*.');
      expect(tricky.html).toContain("Never run &lt;script&gt;alert");
    });

    it("keeps every character, and each numbered list its own numbering", () => {
      expect(tricky.text).toContain("Quotes “like this”, a dash — here, § 12-407(b), a bullet • and an arrow → from Zoë in Łódź.");
      const numbering = parts.get("word/numbering.xml") ?? "";
      expect(numbering).toContain('<w:startOverride w:val="7"/>');
    });
  });

  it("writes pending suggestions as coloured runs, double underlined or struck through, never as plain text", async () => {
    const buffer = await exportDocx(buildVersionExport({ document: suggestionDocument }));
    const document = docxParts(buffer).get("word/document.xml") ?? "";
    const runOf = (text: string) => document.match(new RegExp(`<w:r>(?:(?!<w:r>).)*?${text}</w:t></w:r>`))?.[0] ?? "";
    expect(runOf("ninety")).toContain("<w:strike/>");
    expect(runOf("ninety")).toContain('<w:color w:val="B42318"/>');
    for (const inserted of ["one hundred ", "eighty"]) {
      expect(runOf(inserted)).toContain('<w:u w:val="double" w:color="1A7F37"/>');
      expect(runOf(inserted)).toContain('<w:color w:val="1A7F37"/>');
      expect(runOf(inserted)).not.toContain("<w:strike/>");
    }
    expect(runOf(" days.")).not.toMatch(/<w:color|<w:strike|<w:u /);
    expect((await readBack(buffer)).text).toContain("Pending suggestions 2, marked in the text as suggested insertions and deletions");
  });
});
