import {
  blockquoteJSON,
  bodyWornCameraDemoDocument,
  bodyWornCameraPublishedDocument,
  bulletListJSON,
  docJSON,
  emJSON,
  hardBreakJSON,
  headingJSON,
  InvalidPolicyDocumentError,
  linkJSON,
  listItemJSON,
  markedTextJSON,
  orderedListJSON,
  paragraphJSON,
  parsePolicyDocument,
  strongJSON,
  underlineJSON,
  type PolicyNodeJSON,
} from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { renderPolicyHtml } from "./render-policy-html.js";

const hostileTexts = [
  "<script>alert(1)</script>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  "</h2><img src=x onerror=alert(1)>",
  "&lt;already escaped&gt; & more",
];

// Since "<" in text is always escaped, every "<" in the output starts a real tag. Whatever the
// hostile text was, each such tag must be one the renderer writes, with only its own attributes,
// and no attribute value may contain a raw quote (which would let text break out of it).
const rendererTag =
  /^<\/?(h[1-6]|p|strong|em|u|ul|ol|li|blockquote|span|a|br|div)(?: (?:id|class|href|title|rel|aria-label|start)="[^"<>]*")*>$/;

function expectOnlyRendererTags(html: string): void {
  for (const tag of html.match(/<[^>]*>?/g) ?? []) expect(tag).toMatch(rendererTag);
}

describe("renderPolicyHtml", () => {
  it("renders every node and mark type of the schema", () => {
    const doc = docJSON(
      headingJSON(1, "Scope"),
      paragraphJSON(
        "Plain, ",
        strongJSON("bold"),
        ", ",
        emJSON("italic"),
        ", ",
        underlineJSON("underlined"),
        " and ",
        linkJSON("linked", "https://example.org/a", "A title"),
        ".",
      ),
      paragraphJSON("Line one", hardBreakJSON(), "line two"),
      blockquoteJSON(paragraphJSON("Quoted.")),
      bulletListJSON("first bullet", listItemJSON(paragraphJSON("second bullet"), orderedListJSON("nested item"))),
    );
    expect(renderPolicyHtml(doc, { sectionAnchors: false }).split("\n")).toEqual([
      '<h2 id="section-1"><span class="section-number">1</span> Scope</h2>',
      '<p>Plain, <strong>bold</strong>, <em>italic</em>, <u>underlined</u> and <a href="https://example.org/a" title="A title" rel="noopener noreferrer nofollow">linked</a>.</p>',
      "<p>Line one<br>line two</p>",
      "<blockquote><p>Quoted.</p></blockquote>",
      "<ul><li><p>first bullet</p></li><li><p>second bullet</p><ol><li><p>nested item</p></li></ol></li></ul>",
    ]);
  });

  it("keeps a mark open across neighbouring text that shares it", () => {
    const doc = docJSON(
      paragraphJSON(strongJSON("bold "), markedTextJSON("and italic", { type: "em" }, { type: "strong" }), strongJSON(" again")),
    );
    expect(renderPolicyHtml(doc)).toBe("<p><strong>bold <em>and italic</em> again</strong></p>");
  });

  it.each(hostileTexts)("escapes the hostile text %j in paragraphs, headings, lists, quotes and link titles", (hostile) => {
    const doc = docJSON(
      headingJSON(1, hostile),
      paragraphJSON(hostile, strongJSON(hostile)),
      bulletListJSON(hostile),
      blockquoteJSON(paragraphJSON(hostile)),
      paragraphJSON(linkJSON(hostile, "https://example.org/", hostile)),
    );
    const html = renderPolicyHtml(doc);
    expectOnlyRendererTags(html);
    expect(html).toContain(
      hostile.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"),
    );
  });

  it("escapes quotes and angle brackets inside an allowed href", () => {
    const html = renderPolicyHtml(docJSON(paragraphJSON(linkJSON("search", `https://example.org/?q="><script>'`))));
    expect(html).toBe(
      '<p><a href="https://example.org/?q=&quot;&gt;&lt;script&gt;&#39;" rel="noopener noreferrer nofollow">search</a></p>',
    );
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\u200Bscript:alert(1)",
    "&#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/relative/path",
    "https://trusted.example@evil.example/",
  ])("renders a link to %j as plain text", (href) => {
    const html = renderPolicyHtml(docJSON(paragraphJSON("Read ", linkJSON("the statute", href), " first.")));
    expect(html).toBe("<p>Read the statute first.</p>");
  });

  it("keeps the other marks of text whose link is refused", () => {
    const text = markedTextJSON("click", { type: "link", attrs: { href: "javascript:alert(1)", title: null } }, { type: "strong" });
    expect(renderPolicyHtml(docJSON(paragraphJSON(text)))).toBe("<p><strong>click</strong></p>");
  });

  it("numbers headings 1, 1.1, 1.1.a and gives each an id and a permalink", () => {
    const doc = docJSON(
      headingJSON(1, "Activation"),
      headingJSON(2, "Timing"),
      headingJSON(3, "Before arrival"),
      headingJSON(1, "Deactivation"),
      headingJSON(2, "Exceptions"),
    );
    const headings = renderPolicyHtml(doc).split("\n");
    expect(headings[2]).toBe(
      '<div class="section-heading"><h4 id="section-1-1-a"><span class="section-number">1.1.a</span> Before arrival</h4> <a class="section-link" href="#section-1-1-a" aria-label="Link to section 1.1.a">#</a></div>',
    );
    expect(headings.map((line) => /id="([^"]+)"/.exec(line)?.[1])).toEqual([
      "section-1",
      "section-1-1",
      "section-1-1-a",
      "section-2",
      "section-2-1",
    ]);
    expect(headings[4]).toContain('<span class="section-number">2.1</span> Exceptions');
  });

  it("leaves out the permalinks when section anchors are turned off, but keeps the ids", () => {
    const html = renderPolicyHtml(docJSON(headingJSON(1, "Scope")), { sectionAnchors: false });
    expect(html).toBe('<h2 id="section-1"><span class="section-number">1</span> Scope</h2>');
  });

  it("renders level-1 headings as <h1> with a heading offset of 0", () => {
    expect(renderPolicyHtml(docJSON(headingJSON(1, "Scope"), headingJSON(3, "Clause")), { headingOffset: 0 })).toMatch(
      /^<div class="section-heading"><h1 [^]*<h3 /,
    );
  });

  it.each([-1, 4, 1.5, Number.NaN])("refuses the heading offset %s", (headingOffset) => {
    expect(() => renderPolicyHtml(docJSON(paragraphJSON("x")), { headingOffset })).toThrow(RangeError);
  });

  it("gives an ordered list a start attribute only when it does not start at 1", () => {
    const startingAtThree: PolicyNodeJSON = { ...orderedListJSON("third", "fourth"), attrs: { order: 3 } };
    expect(renderPolicyHtml(docJSON(startingAtThree))).toBe('<ol start="3"><li><p>third</p></li><li><p>fourth</p></li></ol>');
    expect(renderPolicyHtml(docJSON(orderedListJSON("first")))).toBe("<ol><li><p>first</p></li></ol>");
    expect(renderPolicyHtml(docJSON({ type: "ordered_list", content: [listItemJSON(paragraphJSON("default"))] }))).toBe(
      "<ol><li><p>default</p></li></ol>",
    );
  });

  it("refuses content that is not of the policy schema", () => {
    const withScript = { type: "doc", content: [{ type: "script", text: "alert(1)" }] };
    expect(() => renderPolicyHtml(withScript as PolicyNodeJSON)).toThrow(InvalidPolicyDocumentError);
    expect(() => renderPolicyHtml(docJSON(headingJSON(4 as 1, "Too deep")))).toThrow(InvalidPolicyDocumentError);
  });

  it("renders a parsed document exactly as its JSON", () => {
    expect(renderPolicyHtml(parsePolicyDocument(bodyWornCameraDemoDocument))).toBe(renderPolicyHtml(bodyWornCameraDemoDocument));
  });

  it("renders the demo draft with twelve numbered sections and its lettered clauses", () => {
    const html = renderPolicyHtml(bodyWornCameraDemoDocument);
    const sections = [...html.matchAll(/<h2 id="section-(\d+)"><span class="section-number">(\d+)<\/span>/g)];
    expect(sections.map((match) => match[2])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    expect(html).toContain('<h4 id="section-9-3-b"><span class="section-number">9.3.b</span> Notice to those involved');
    expect(html).toContain(
      '<a href="mailto:bwc-concerns@riverton.example" rel="noopener noreferrer nofollow">bwc-concerns@riverton.example</a>',
    );
    expect(html).toContain("<strong>180 days</strong>");
    expect(html).toContain("<blockquote><p>“A law enforcement agency");
  });

  it("renders the published demo version with eleven numbered sections", () => {
    const html = renderPolicyHtml(bodyWornCameraPublishedDocument);
    expect(html.match(/<h2 id="section-\d+">/g)).toHaveLength(11);
    expect(html).toContain("<strong>90 days</strong>");
  });
});
