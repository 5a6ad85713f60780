import { isAllowedHref } from "@accord/policy-schema";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { exportPdf } from "./pdf-export.js";
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

interface ReadBackPdf {
  /** The text of every page, whitespace collapsed. */
  text: string;
  /** Each page's text as extracted (line breaks kept). */
  pages: string[];
  /** The URL of every link annotation. */
  linkUrls: string[];
  info: Record<string, unknown>;
}

async function readBack(buffer: Buffer): Promise<ReadBackPdf> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text: pages } = await extractText(pdf, { mergePages: false });
  const linkUrls: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const annotations = (await (await pdf.getPage(number)).getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string }[];
    for (const annotation of annotations) if (annotation.subtype === "Link") linkUrls.push(annotation.unsafeUrl ?? annotation.url ?? "");
  }
  const { info } = await pdf.getMetadata();
  return { text: normalizeWhitespace(pages.join("\n")), pages, linkUrls, info: info as Record<string, unknown> };
}

describe("exportPdf", async () => {
  const demoBuffer = await exportPdf(buildVersionExport());
  const demo = await readBack(demoBuffer);

  it("carries the title, version, label, who saved it and the whole hash", () => {
    expect(demoBuffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(demo.text).toContain("Body-Worn Camera Policy");
    expect(demo.text).toContain("Version 3 — Draft for board review");
    expect(demo.text).toContain("Saved by Avery Facilitator");
    expect(demo.text).not.toContain("Author");
    expect(demo.text).toContain(`SHA-256 content hash ${sampleContentHash}`);
    expect(demo.text).toContain("Not yet approved.");
  });

  it("puts the page number and the unbroken hash in every page's footer", () => {
    expect(demo.pages.length).toBeGreaterThan(2);
    demo.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${demo.pages.length}`);
      // Not normalised: the hash must come out of the page as one unbroken string.
      expect(page).toContain(`SHA-256 ${sampleContentHash}`);
    });
  });

  it("writes numbered headings and the text of the policy word for word", () => {
    for (const heading of demoNumberedHeadings) expect(demo.text).toContain(heading);
    for (const sentence of distinctiveDemoSentences) expect(demo.text).toContain(sentence);
  });

  it("writes list markers, and line breaks as separate lines", () => {
    expect(demo.text).toContain("1. responding to a call for service");
    expect(demo.text).toContain("• Body-worn camera (BWC) means");
    expect(demo.pages.join("\n")).toMatch(/Office of Police Accountability:\n200 Main Street, Riverton\nbwc-concerns@riverton\.example/);
  });

  it("links the allowed links", () => {
    // A link that wraps gets one annotation per line.
    expect([...new Set(demo.linkUrls)]).toEqual([
      "https://bja.ojp.gov/program/bwc",
      "https://riverton.example/police/bwc-audits",
      "mailto:bwc-concerns@riverton.example",
    ]);
  });

  it("lists the numbered sections as nested bookmarks", async () => {
    const pdf = await getDocumentProxy(new Uint8Array(demoBuffer));
    const outline = (await pdf.getOutline()) as { title: string; items: { title: string }[] }[];
    expect(outline.map((item) => item.title)).toContain("12 Community Reporting");
    expect(outline.find((item) => item.title === "4 Activation")?.items.map((item) => item.title)).toEqual([
      "4.1 When officers must record",
      "4.2 Timing of activation",
    ]);
    expect(outline.at(-1)?.title).toBe("Approval record");
  });

  it("sets the document info", () => {
    expect(demo.info["Title"]).toBe("Body-Worn Camera Policy");
    expect(demo.info["Author"]).toBe("Accord");
    expect(demo.info["Subject"]).toContain(sampleContentHash);
  });

  it("marks every page of a version that is not approved as a draft, and says why under the title", () => {
    demo.pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain("Draft — not approved"));
    expect(demo.text).toContain(
      "Version 3 — Draft for board review Draft — not approved. This version has not been approved by the required bodies and is not policy in force.",
    );
  });

  it("prints the approval record at the end when there is one, and no draft mark", async () => {
    const approved = await readBack(await exportPdf(buildVersionExport({ approval: sampleApproval })));
    expect(approved.pages.length).toBeGreaterThan(2);
    expect(approved.text).not.toContain("not approved");
    expect(approved.text).toContain("Approval record Approved by Board of Police Commissioners and Police Union.");
    for (const line of sampleApprovalLines) expect(approved.text).toContain(line);
    expect(approved.text.indexOf("Approval record")).toBeGreaterThan(approved.text.indexOf("12 Community Reporting"));
  });

  it("gives the same bytes for the same version", async () => {
    expect((await exportPdf(buildVersionExport())).equals(demoBuffer)).toBe(true);
  });

  describe("with hostile and tricky content", async () => {
    const buffer = await exportPdf(buildVersionExport({ document: trickyDocument }));
    const tricky = await readBack(buffer);

    it("never writes a refused link, only its words", () => {
      expect(tricky.text).toContain("Do not click the hostile link but read the toolkit.");
      expect(tricky.linkUrls).toEqual(["https://bja.ojp.gov/program/bwc"]);
      expect(tricky.linkUrls.every(isAllowedHref)).toBe(true);
      expect(buffer.toString("latin1")).not.toMatch(/javascript/i);
      expect(tricky.text).not.toMatch(/javascript/i);
    });

    it("writes markup-like text as text", () => {
      expect(tricky.text).toContain("1 Scope <script>alert(1)</script>");
      expect(tricky.text).toContain('Never run <script>alert("x")</script> from a policy & never trust *stars*.');
    });

    it("prints typography and letters of any Latin alphabet as written", () => {
      expect(tricky.text).toContain("Quotes “like this”, a dash — here, § 12-407(b), a bullet • and an arrow → from Zoë in Łódź.");
    });

    it("numbers lists from their own start and nests them", () => {
      expect(tricky.text).toContain("1. first numbered item 2. second numbered item – nested bullet item 7. seventh item 8. eighth item");
      expect(tricky.text).toContain("1.1.a A lettered clause A quoted statute sentence.");
    });
  });

  it("brackets and colours pending suggestions, and says they are not policy text", async () => {
    const buffer = await exportPdf(buildVersionExport({ document: suggestionDocument }));
    const pdf = await readBack(buffer);
    expect(pdf.text).toContain("Footage is kept [-ninety-][+one hundred eighty+] days.");
    expect(pdf.text).toContain("Pending suggestions 2, marked in the text as suggested insertions and deletions");
    expect(demo.text).not.toContain("[+");
  });
});
