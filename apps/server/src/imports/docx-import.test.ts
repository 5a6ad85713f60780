import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { importLimits } from "@accord/api-contract/import-limits";
import { policyDocumentFromDocx } from "./docx-import.js";

async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe("policyDocumentFromDocx", () => {
  it("keeps headings (h4 as a lettered clause), bold, italic, underline, allowed links and lists", async () => {
    const doc = await policyDocumentFromDocx(
      await docxOf([
        new Paragraph({ text: "Purpose", heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: "Scope", heading: HeadingLevel.HEADING_2 }),
        new Paragraph({ text: "A clause", heading: HeadingLevel.HEADING_4 }),
        new Paragraph({
          children: [
            new TextRun("Officers "),
            new TextRun({ text: "must", bold: true }),
            new TextRun({ text: " record ", italics: true }),
            new TextRun({ text: "always", underline: {} }),
            new TextRun(" under "),
            new ExternalHyperlink({ link: "https://law.example/bwc", children: [new TextRun("the statute")] }),
          ],
        }),
        new Paragraph({ text: "first duty", bullet: { level: 0 } }),
        new Paragraph({ text: "second duty", bullet: { level: 0 } }),
      ]),
    );
    expect(doc.toJSON().content.map((node: { type: string; attrs?: { level?: number } }) => [node.type, node.attrs?.level])).toEqual([
      ["heading", 1],
      ["heading", 2],
      ["heading", 3],
      ["paragraph", undefined],
      ["bullet_list", undefined],
    ]);
    const marks = new Set<string>();
    doc.descendants((node) => {
      for (const mark of node.marks) marks.add(mark.type.name === "link" ? `link ${String(mark.attrs["href"])}` : mark.type.name);
    });
    expect([...marks].sort()).toEqual(["em", "link https://law.example/bwc", "strong", "underline"]);
    expect(doc.child(4).textContent).toBe("first dutysecond duty");
  });

  it("keeps a hostile link's words without the link, and script-like text as text", async () => {
    const doc = await policyDocumentFromDocx(
      await docxOf([
        new Paragraph({
          children: [
            new ExternalHyperlink({ link: "javascript:alert(1)", children: [new TextRun("click")] }),
            new TextRun(' <script>alert("x")</script> &amp;'),
            new ExternalHyperlink({ link: "data:text/html,x", children: [new TextRun(" data")] }),
          ],
        }),
      ]),
    );
    expect(doc.textContent).toBe('click <script>alert("x")</script> &amp; data');
    doc.descendants((node) => {
      expect(node.marks).toEqual([]);
    });
  });

  it("turns a table's cells and an image's description into plain paragraphs and text", async () => {
    const png = Uint8Array.from(
      Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
    );
    const doc = await policyDocumentFromDocx(
      await docxOf([
        new Table({
          rows: [
            new TableRow({
              children: [new TableCell({ children: [new Paragraph("cell a")] }), new TableCell({ children: [new Paragraph("cell b")] })],
            }),
          ],
        }),
        new Paragraph({
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width: 1, height: 1 },
              altText: { name: "n", description: "a camera", title: "t" },
            }),
          ],
        }),
      ]),
    );
    const blocks = doc.toJSON().content.map((node: { type: string }) => node.type);
    expect(blocks.every((type: string) => type === "paragraph")).toBe(true);
    expect(doc.textContent).toContain("cell a");
    expect(doc.textContent).toContain("cell b");
  });

  it("refuses a file that is not a Word document, and one that is too large, saying so with their codes", async () => {
    await expect(policyDocumentFromDocx(new TextEncoder().encode("# Just Markdown"))).rejects.toMatchObject({
      code: "import_unreadable",
      message: expect.stringMatching(/not a Word document/),
    });
    await expect(policyDocumentFromDocx(new Uint8Array(importLimits.docxBytes + 1))).rejects.toMatchObject({
      code: "import_too_large",
      message: expect.stringMatching(/at most 2 MB/),
    });
  });
});
