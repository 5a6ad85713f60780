import {
  blockquoteJSON,
  bulletListJSON,
  docJSON,
  hardBreakJSON,
  headingJSON,
  isAllowedHref,
  linkJSON,
  listItemJSON,
  markedTextJSON,
  orderedListJSON,
  paragraphJSON,
  type PolicyMarkJSON,
  type PolicyNodeJSON,
  policySchema,
} from "@accord/policy-schema";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { exportDocx } from "./docx-export.js";
import { exportMarkdown } from "./markdown-export.js";
import { exportPdf } from "./pdf-export.js";
import { buildVersionExport, normalizeWhitespace, sampleApproval } from "@accord/test-support/version-export-fixtures.js";
import { renderMarkdownElements, type ParsedElement } from "@accord/test-support/strict-markup.js";

// Item 4 of issue 11: an export, rendered by a standard renderer, holds no element that the document
// does not hold, whatever its text and links say. Hostile text and hrefs go in every node and mark type.

/** Links the schema accepts whose address is also markup (the first is the one outside testing found). */
const hostileHrefs = [
  "https://example.org/><script>alert(1)</script>",
  "https://example.org/)<script>alert(2)</script>",
  "https://example.org/\\<b>bold</b>",
  "https://example.org/&lt;i&gt;",
  "https://example.org/a&amp;b",
  "https://example.org/*x*_y_`z`{++w++}",
  "mailto:board@example.org?subject=<script>alert(3)</script>",
];

/** Text that means something in Markdown, HTML or XML. */
const hostileTexts = [
  "<script>alert(4)</script>",
  "<img src=x onerror=alert(5)>",
  "<!-- a comment -->",
  "<![CDATA[ x ]]>",
  "&#60;iframe&#62; &lt;object&gt;",
  "`<b>code</b>`",
  "{++not a suggestion++}",
  "[a link](javascript:alert(6))",
  "<https://autolink.example>",
  "\\<u>escaped\\</u>",
];

const suggestion = (kind: "insertion" | "deletion"): PolicyMarkJSON => ({
  type: kind,
  attrs: { id: `${kind}-1`, author: "u-1", affiliation: "citizen", time: "2026-11-28T09:00:00.000Z" },
});
const marks: PolicyMarkJSON[][] = [
  [{ type: "strong" }],
  [{ type: "em" }],
  [{ type: "underline" }],
  [suggestion("insertion")],
  [suggestion("deletion")],
];

const hostileDocument = docJSON(
  headingJSON(1, hostileTexts[0]!, linkJSON(hostileHrefs[0]!, hostileHrefs[0]!)),
  // A link whose words are its address, alone in a paragraph: the autolink case.
  ...hostileHrefs.map((href) => paragraphJSON(linkJSON(href, href))),
  ...hostileHrefs.map((href, index) =>
    paragraphJSON("See ", linkJSON(hostileTexts[index % hostileTexts.length]!, href, `"><script>alert(7)</script>`), "."),
  ),
  ...hostileTexts.map((text) => paragraphJSON(text, hardBreakJSON(), `# ${text}`)),
  ...marks.flatMap((markSet) => [
    paragraphJSON(...hostileTexts.map((text) => markedTextJSON(`${text} `, ...markSet))),
    paragraphJSON(...hostileHrefs.map((href) => markedTextJSON(href, ...markSet, { type: "link", attrs: { href, title: null } }))),
  ]),
  headingJSON(2, "Lists and quotes"),
  bulletListJSON(...hostileTexts.slice(0, 3), listItemJSON(paragraphJSON(linkJSON(hostileHrefs[1]!, hostileHrefs[1]!)))),
  orderedListJSON(...hostileTexts.slice(3, 6)),
  blockquoteJSON(paragraphJSON(hostileTexts[6]!, linkJSON(hostileHrefs[2]!, hostileHrefs[2]!))),
);

const hostileVersion = buildVersionExport({
  policyTitle: "Title <script>alert(8)</script> & co",
  versionLabel: "<img src=x onerror=alert(9)>",
  authorName: "Avery <b>Facilitator</b>",
  document: hostileDocument,
  approval: {
    ...sampleApproval,
    signOffs: [{ affiliation: "Police <i>", names: ["Dana <script>alert(10)</script>"] }],
    decisions: [
      {
        ...sampleApproval.decisions[0]!,
        meetingReference: "Item <!-- 4 --> <a href=javascript:alert(11)>x</a>",
        representative: "Morgan ]]> Hale",
      },
    ],
  },
});

/** Every element of a rendered export must be one the policy schema can produce, links only to allowed addresses. */
function expectOnlyDocumentElements(elements: readonly ParsedElement[], allowedNames: ReadonlySet<string>): void {
  for (const element of elements) {
    expect(allowedNames, `<${element.name}>`).toContain(element.name);
    for (const name of Object.keys(element.attributes)) {
      expect(["href", "title", "start", "id"], `${name} on <${element.name}>`).toContain(name);
    }
    const href = element.attributes["href"];
    if (href !== undefined) expect(href).toMatch(/^(https:\/\/example\.org\/|mailto:board@example\.org\?)[^\s"<>]*$/);
  }
}

const markdownElements = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "blockquote",
  "em",
  "strong",
  "u",
  "a",
  "br",
  "hr",
  "code",
]);

describe("exports of a document full of markup-like text and addresses", () => {
  it("uses links the schema accepts, so the exporters cannot simply drop them, in every node and mark type", () => {
    for (const href of hostileHrefs) expect(isAllowedHref(href), href).toBe(true);
    const nodeTypes = new Set<string>();
    const markTypes = new Set<string>();
    (function collect(node: PolicyNodeJSON) {
      nodeTypes.add(node.type);
      node.marks?.forEach((mark) => markTypes.add(mark.type));
      node.content?.forEach(collect);
    })(hostileDocument);
    expect([...nodeTypes].sort()).toEqual(Object.keys(policySchema.nodes).sort());
    expect([...markTypes].sort()).toEqual(Object.keys(policySchema.marks).sort());
  });

  it("writes Markdown that markdown-it, with raw HTML on, renders to the document's own elements only", () => {
    const { html, elements } = renderMarkdownElements(exportMarkdown(hostileVersion));
    expectOnlyDocumentElements(elements, markdownElements);
    // What looked like markup is still there, as text.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;script&gt;alert(4)&lt;/script&gt;");
    expect(html).toContain("Title &lt;script&gt;alert(8)&lt;/script&gt; &amp; co");
    // Each hostile address is a link, percent-encoded where it held markup, never cut short.
    const hrefs = new Set(elements.flatMap((element) => (element.name === "a" ? [element.attributes["href"]] : [])));
    expect(hrefs).toContain("https://example.org/%3E%3Cscript%3Ealert(1)%3C/script%3E");
    expect(hrefs).toContain("https://example.org/a&amp;b");
  });

  it("keeps every autolink-looking address one link with its own words", () => {
    const { elements, html } = renderMarkdownElements(
      exportMarkdown(buildVersionExport({ document: docJSON(paragraphJSON(linkJSON(hostileHrefs[0]!, hostileHrefs[0]!))) })),
    );
    const links = elements.filter((element) => element.name === "a");
    expect(links).toHaveLength(1);
    expect(html).toContain(">https://example.org/&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>");
  });

  it("writes a Word file whose HTML (by mammoth) holds only the document's elements, and whose text holds the markup as text", async () => {
    const docx = await exportDocx(hostileVersion);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    const names = [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => match[1]!);
    for (const name of names)
      expect([
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "u",
        "a",
        "br",
        "s",
        "sup",
        "sub",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
      ]).toContain(name);
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    for (const hostile of [...hostileTexts, ...hostileHrefs]) expect(normalizeWhitespace(text)).toContain(hostile);
  });

  it("writes a PDF whose text holds the markup as text", async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await exportPdf(hostileVersion)));
    const { text } = await extractText(pdf, { mergePages: true });
    const printed = normalizeWhitespace(text);
    for (const hostile of [...hostileTexts, "Title <script>alert(8)</script> & co"]) expect(printed).toContain(hostile);
  });
});
