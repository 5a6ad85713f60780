import { crc32, deflateRawSync } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { importLimits } from "@accord/api-contract/import-limits";
import { docxBomb, zipEntries, zipOf } from "@accord/test-support/hostile-zips.js";
import { checkDocxZip, inflateWithCap } from "./docx-zip-check.js";
import { policyDocumentFromDocx } from "./docx-import.js";

const megabyte = 1024 * 1024;

async function realDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Officers record every contact.")] }] }));
}

describe("checkDocxZip", () => {
  it("passes a Word file whose headers tell the truth, counting its parts and what they unpack to", async () => {
    const docx = await realDocx();
    const entries = zipEntries(docx);
    const summary = await checkDocxZip(docx);
    expect(summary.entries).toBe(entries.length);
    expect(summary.unpackedBytes).toBe(entries.reduce((sum, entry) => sum + entry.content.length, 0));
    // The same parts, written again by the test's own zip writer, pass too: the writer itself is honest.
    await expect(checkDocxZip(zipOf(entries))).resolves.toEqual(summary);
  });

  it("refuses a zip bomb whose headers declare a small part that inflates to 64 MB, as damaged", async () => {
    const bomb = docxBomb(await realDocx(), 64 * megabyte);
    expect(bomb.length).toBeLessThan(importLimits.docxBytes);
    await expect(checkDocxZip(bomb)).rejects.toMatchObject({
      code: "import_unreadable",
      message: expect.stringMatching(/damaged or was altered/),
    });
    // The whole import refuses it the same way, before mammoth unpacks anything.
    await expect(policyDocumentFromDocx(bomb)).rejects.toMatchObject({ code: "import_unreadable" });
  });

  it("stops inflating a part as soon as it passes its cap, never inflating what the data would make", async () => {
    const data = deflateRawSync(Buffer.alloc(64 * megabyte, " "));
    const capped = await inflateWithCap(data, megabyte);
    expect(capped.kind).toBe("over_cap");
    // One stream chunk (16 KB) may pass the cap before the stream is stopped; the rest is never made.
    expect(capped.kind === "over_cap" && capped.inflatedBytes).toBeGreaterThan(megabyte);
    expect(capped.kind === "over_cap" && capped.inflatedBytes).toBeLessThan(megabyte + 256 * 1024);
    const whole = await inflateWithCap(deflateRawSync(Buffer.from("within the cap")), megabyte);
    expect(whole.kind === "inflated" && whole.bytes.toString()).toBe("within the cap");
  });

  it("refuses a zip that declares more than the unpacked limit, before inflating anything", async () => {
    // Honest headers: the part really is 41 MB of spaces, and says so.
    const honestBomb = zipOf([{ name: "word/document.xml", content: Buffer.alloc(importLimits.docxUnpackedBytes + megabyte, " ") }]);
    await expect(checkDocxZip(honestBomb)).rejects.toMatchObject({
      code: "import_exceeds_limits",
      message: expect.stringMatching(/unpacks to more than 40 MB/),
    });
  });

  it("refuses a zip whose local header and central directory disagree about a part", async () => {
    const entries = zipEntries(await realDocx());
    const disagreeing = (change: (entry: (typeof entries)[number]) => Partial<(typeof entries)[number]>) =>
      zipOf(entries.map((entry) => (entry.name === "word/document.xml" ? { ...entry, ...change(entry) } : entry)));
    // The local header says the part is larger than the central directory does.
    const sizes = disagreeing((entry) => ({ local: { unpackedBytes: entry.content.length * 10 } }));
    await expect(checkDocxZip(sizes)).rejects.toMatchObject({ code: "import_unreadable" });
    // The two headers agree with each other but not with the content's checksum.
    const checksum = disagreeing((entry) => ({ central: { crc: crc32(entry.content) ^ 1 }, local: { crc: crc32(entry.content) ^ 1 } }));
    await expect(checkDocxZip(checksum)).rejects.toMatchObject({ code: "import_unreadable" });
    // Stored (not compressed) data whose declared size is not its length.
    const stored = disagreeing((entry) => ({
      method: 0,
      central: { unpackedBytes: entry.content.length - 1 },
      local: { unpackedBytes: entry.content.length - 1 },
    }));
    await expect(checkDocxZip(stored)).rejects.toMatchObject({ code: "import_unreadable" });
  });

  it("refuses a zip of more parts than a Word document may hold, and a name given twice", async () => {
    const many = zipOf(
      Array.from({ length: importLimits.docxEntries + 1 }, (_, index) => ({ name: `part${index}.xml`, content: Buffer.from("x") })),
    );
    await expect(checkDocxZip(many)).rejects.toMatchObject({
      code: "import_exceeds_limits",
      message: expect.stringMatching(/at most 1,000/),
    });
    const twice = zipOf([
      { name: "word/document.xml", content: Buffer.from("<a/>") },
      { name: "word/document.xml", content: Buffer.from("<b/>") },
    ]);
    await expect(checkDocxZip(twice)).rejects.toMatchObject({ code: "import_unreadable" });
  });
});
