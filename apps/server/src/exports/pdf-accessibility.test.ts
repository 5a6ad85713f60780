import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { docJSON, headingJSON, paragraphJSON } from "@accord/policy-schema";
import { afterAll, describe, expect, it } from "vitest";
import { exportPdf } from "./pdf-export.js";
import { buildVersionExport, normalizeWhitespace, sampleApproval, trickyDocument } from "@accord/test-support/version-export-fixtures.js";

// The PDF export judged by poppler's command-line tools (Debian's poppler-utils, which .ci/run
// installs), the tools outside testers used: not by the library that wrote the file.

const run = promisify(execFile);
const folder = await mkdtemp(join(tmpdir(), "accord-pdf-"));
afterAll(() => rm(folder, { recursive: true, force: true }));

async function poppler(tool: "pdfinfo" | "pdffonts" | "pdftotext", pdf: Buffer, ...args: string[]): Promise<string> {
  const file = join(folder, `${tool}-${args.join("")}.pdf`);
  await writeFile(file, pdf);
  try {
    return (await run(tool, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils).`, { cause: error });
    throw error;
  }
}

/** Names and sentences in scripts the standard PDF fonts cannot print. */
const names = {
  vietnamese: "Nguyễn Thị Minh Khai",
  polish: "Łucja Wróblewska-Źdźbło",
  greek: "Σωκράτης Παπαδόπουλος",
  cyrillic: "Анна Кузнецова",
} as const;
const sentences = [
  "Người dân có quyền yêu cầu bản ghi hình.",
  "Zażółć gęślą jaźń: nagranie kończy się po interwencji.",
  "Η καταγραφή ξεκινά πριν από την επέμβαση.",
  "Запись начинается до прибытия на место.",
] as const;

const multilingual = await exportPdf(
  buildVersionExport({
    authorName: names.vietnamese,
    document: docJSON(headingJSON(1, `Scope for ${names.greek}`), ...sentences.map((sentence) => paragraphJSON(sentence))),
    approval: {
      ...sampleApproval,
      signOffs: [
        { affiliation: "Citizen", names: [names.polish] },
        { affiliation: "Community organisation", names: [names.cyrillic] },
      ],
    },
  }),
);
const demo = await exportPdf(buildVersionExport({ document: trickyDocument, approval: sampleApproval }));

describe("the PDF export, read by poppler", () => {
  it("is tagged, with its title shown and its language set", async () => {
    const info = await poppler("pdfinfo", demo);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Body-Worn Camera Policy$/m);
    // The catalog is never compressed: its /Lang and the viewer preference to show the title.
    const bytes = demo.toString("latin1");
    expect(bytes).toContain("/Lang (en-US)");
    expect(bytes).toMatch(/\/DisplayDocTitle true/);
  });

  it("has a structure tree of the title, headings, paragraphs, lists and list items in reading order", async () => {
    const tree = (await poppler("pdfinfo", demo, "-struct")).split("\n").map((line) => line.trim().replace(/ \(\w+\)$/, ""));
    expect(tree[0]).toBe("Document");
    const elements = tree.filter((line) => /^[A-Z][A-Za-z0-9]*$/.test(line));
    // The title is the one H1; the policy's level-1 sections follow as H2, as on the public page.
    expect(elements.filter((type) => type === "H1")).toHaveLength(1);
    expect(elements.indexOf("H1")).toBeLessThan(elements.indexOf("H2"));
    for (const type of ["H2", "H3", "H4", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "Link"]) expect(elements).toContain(type);
    // Each list item is a label and a body, in that order.
    const items = tree.flatMap((line, index) => (line === "LI" ? [[tree[index + 1], tree[index + 2]]] : []));
    expect(items.length).toBeGreaterThan(4);
    for (const item of items) expect(item).toEqual(["Lbl", "LBody"]);
    // Reading order: the structure's text runs title, policy text, approval record.
    const text = normalizeWhitespace(await poppler("pdfinfo", demo, "-struct-text"));
    const order = ["Body-Worn Camera Policy", "Scope", "A lettered clause", "Approval record", "Police Union"].map((words) =>
      text.indexOf(words),
    );
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("reads a draft's notice once, after the title, and keeps the draft's PDF tagged with every font embedded", async () => {
    const draft = await exportPdf(buildVersionExport());
    expect(await poppler("pdfinfo", draft)).toMatch(/^Tagged:\s+yes$/m);
    const text = normalizeWhitespace(await poppler("pdfinfo", draft, "-struct-text"));
    // The mark at the top of each page is an artifact: the structure holds the notice once.
    expect(text.split("Draft — not approved")).toHaveLength(2);
    expect(text.indexOf("Draft — not approved. This version has not been approved")).toBeGreaterThan(
      text.indexOf("Body-Worn Camera Policy"),
    );
    // …while every page shows it.
    const pages = (await poppler("pdftotext", draft)).split("\f").filter((page) => page.trim() !== "");
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain("Draft — not approved");
    for (const row of (await poppler("pdffonts", draft)).trim().split("\n").slice(2)) {
      expect(row).toMatch(/\+DejaVuSans\S* .* yes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it("embeds every font, as a subset with a Unicode map", async () => {
    const rows = (await poppler("pdffonts", multilingual)).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      // name, type…, encoding, then emb, sub and uni: "yes yes yes".
      expect(row).toMatch(/\+DejaVuSans\S* .* yes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it("keeps Vietnamese, Polish, Greek and Cyrillic text exactly as written", async () => {
    const text = normalizeWhitespace(await poppler("pdftotext", multilingual));
    for (const name of Object.values(names)) expect(text).toContain(name);
    for (const sentence of sentences) expect(text).toContain(sentence);
    expect(text).toContain(`1 Scope for ${names.greek}`);
  });
});
