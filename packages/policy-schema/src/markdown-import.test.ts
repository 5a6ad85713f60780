import { describe, expect, it } from "vitest";
import { MarkdownImportError, policyDocumentFromMarkdown } from "./markdown-import.js";
import { policySchema } from "./schema.js";

/** The import with a limit far above any text here. */
const fromMarkdown = (markdown: string) => policyDocumentFromMarkdown(markdown, { maxCharacters: 500_000 });

/** The document's top-level blocks as [type, text] pairs, for compact expectations. */
function outline(markdown: string): [string, string][] {
  const blocks: [string, string][] = [];
  fromMarkdown(markdown).forEach((node) => blocks.push([node.type.name, node.textContent]));
  return blocks;
}

/** Every link href in the document. */
function hrefs(markdown: string): string[] {
  const found: string[] = [];
  fromMarkdown(markdown).descendants((node) => {
    for (const mark of node.marks) if (mark.type.name === "link") found.push(mark.attrs["href"] as string);
  });
  return found;
}

describe("policyDocumentFromMarkdown", () => {
  it("keeps headings, paragraphs, lists with their start, quotes, emphasis, bold and links", () => {
    const doc = fromMarkdown(
      [
        "# Purpose",
        "",
        'Officers **must** record, *as soon as* it is safe. See [the statute](https://law.example/bwc "Statute").',
        "",
        "## Activation",
        "",
        "- first",
        "- second",
        "",
        "3. three",
        "4. four",
        "",
        "> A quoted rule.",
        "",
        "#### A clause",
        "",
        "Line one  ",
        "line two",
      ].join("\n"),
    );
    expect(doc.toJSON()).toEqual(
      policySchema
        .nodeFromJSON({
          type: "doc",
          content: [
            { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Purpose" }] },
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Officers " },
                { type: "text", text: "must", marks: [{ type: "strong" }] },
                { type: "text", text: " record, " },
                { type: "text", text: "as soon as", marks: [{ type: "em" }] },
                { type: "text", text: " it is safe. See " },
                {
                  type: "text",
                  text: "the statute",
                  marks: [{ type: "link", attrs: { href: "https://law.example/bwc", title: "Statute" } }],
                },
                { type: "text", text: "." },
              ],
            },
            { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Activation" }] },
            {
              type: "bullet_list",
              content: ["first", "second"].map((text) => ({
                type: "list_item",
                content: [{ type: "paragraph", content: [{ type: "text", text }] }],
              })),
            },
            {
              type: "ordered_list",
              attrs: { order: 3 },
              content: ["three", "four"].map((text) => ({
                type: "list_item",
                content: [{ type: "paragraph", content: [{ type: "text", text }] }],
              })),
            },
            { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "A quoted rule." }] }] },
            { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "A clause" }] },
            {
              type: "paragraph",
              content: [{ type: "text", text: "Line one" }, { type: "hard_break" }, { type: "text", text: "line two" }],
            },
          ],
        })
        .toJSON(),
    );
  });

  it("turns code, inline code, images and tables into plain text, and drops thematic breaks", () => {
    expect(
      outline(
        [
          "Use `record()` here.",
          "",
          "```",
          "step 1",
          "step 2",
          "```",
          "",
          "---",
          "",
          "![a camera](https://img.example/c.png)",
          "",
          "| a | b |",
          "|---|---|",
          "| 1 | 2 |",
        ].join("\n"),
      ),
    ).toEqual([
      ["paragraph", "Use record() here."],
      ["paragraph", "step 1\nstep 2"],
      ["paragraph", "a camera"],
      // A table's lines are one paragraph's lines, wrapped as Markdown wraps them.
      ["paragraph", "| a | b | |---|---| | 1 | 2 |"],
    ]);
  });

  it("keeps a heading inside a quote or a list as a paragraph instead of losing the quote or list", () => {
    expect(outline(["> # Quoted heading", "> and text", "", "- # Listed heading"].join("\n"))).toEqual([
      ["blockquote", "Quoted headingand text"],
      ["bullet_list", "Listed heading"],
    ]);
  });

  it("keeps raw HTML as its literal words, never as markup", () => {
    const doc = fromMarkdown('<script>alert("x")</script>\n\nText with <img src=x onerror=alert(1)> inside.');
    expect(doc.textContent).toContain('<script>alert("x")</script>');
    expect(doc.textContent).toContain("<img src=x onerror=alert(1)>");
    doc.descendants((node) => {
      expect(["doc", "paragraph", "text"]).toContain(node.type.name);
    });
  });

  it("keeps the words of a link whose address the link rule refuses, without the link", () => {
    const markdown = [
      "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [data](data:text/html,x) [relative](/app/login)",
      "[protocol-relative](//evil.example) [credentials](https://a@evil.example) [ok](https://ok.example) <https://auto.example>",
      "[spaced]( javascript:alert(1)) [vb](vbscript:x) [mail](mailto:board@city.example)",
    ].join("\n");
    expect(hrefs(markdown)).toEqual(["https://ok.example", "https://auto.example", "mailto:board@city.example"]);
    // markdown-it itself leaves script and data addresses unparsed (their brackets stay as text); the
    // link rule drops the rest to their words.
    const text = fromMarkdown(markdown).textContent;
    expect(text).toContain("[js](javascript:alert(1))");
    expect(text).toContain("relative protocol-relative credentials ok");
  });

  it("gives an empty document one empty paragraph, and drops a byte-order mark and NUL characters", () => {
    expect(outline("")).toEqual([["paragraph", ""]]);
    expect(outline("\uFEFF# Ti\0tle")).toEqual([["heading", "Title"]]);
  });

  it("refuses a text longer than an imported policy may be, saying how long it was", () => {
    const tooLong = "a".repeat(500_001);
    expect(() => policyDocumentFromMarkdown(tooLong, { maxCharacters: 500_000 })).toThrow(MarkdownImportError);
    expect(() => policyDocumentFromMarkdown(tooLong, { maxCharacters: 500_000 })).toThrow(/at most 500,000/);
  });

  it("keeps nested quotes and lists, and gives hostile nesting a valid document", () => {
    expect(fromMarkdown(`${">".repeat(5)} five deep`).textContent).toBe("five deep");
    const nested = Array.from({ length: 200 }, (_, depth) => `${"  ".repeat(depth)}- item ${depth}`).join("\n");
    expect(() => fromMarkdown(nested)).not.toThrow();
    // markdown-it stops at its nesting limit; what it keeps is still a document the schema takes.
    expect(fromMarkdown(`${">".repeat(5000)} deep`).type.name).toBe("doc");
  });
});
