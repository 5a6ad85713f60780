import { h } from "preact";
import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { hasText, ProseMirrorJsonView, safeHref } from "./prosemirror-json-view.js";

const text = (value: string, marks: unknown[] = []) => ({ type: "text", text: value, marks });
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const doc = (...content: unknown[]) => ({ type: "doc", content });

function html(value: unknown): string {
  return render(h(ProseMirrorJsonView, { doc: value }));
}

describe("ProseMirrorJsonView", () => {
  it("renders headings, paragraphs, lists and quotes as their HTML elements", () => {
    const output = html(
      doc(
        { type: "heading", attrs: { level: 1 }, content: [text("Purpose")] },
        paragraph(text("Officers record.")),
        { type: "bullet_list", content: [{ type: "list_item", content: [paragraph(text("one"))] }] },
        { type: "ordered_list", attrs: { order: 3 }, content: [{ type: "list_item", content: [paragraph(text("three"))] }] },
        { type: "blockquote", content: [paragraph(text("quoted"))] },
      ),
    );
    expect(output).toBe(
      "<h3>Purpose</h3><p>Officers record.</p><ul><li><p>one</p></li></ul>" +
        '<ol start="3"><li><p>three</p></li></ol><blockquote><p>quoted</p></blockquote>',
    );
  });

  it("nests marks with the first mark outermost", () => {
    expect(html(paragraph(text("key", [{ type: "strong" }, { type: "em" }, { type: "underline" }])))).toBe(
      "<p><strong><em><u>key</u></em></strong></p>",
    );
  });

  it("keeps links to web and mail addresses and drops any other link, keeping its text", () => {
    const link = (href: string) => ({ type: "link", attrs: { href } });
    const output = html(
      paragraph(
        text("web", [link("https://example.org/a")]),
        text("mail", [link("mailto:clerk@example.org")]),
        text("script", [link("javascript:alert(1)")]),
        text("relative", [link("/app/people")]),
      ),
    );
    expect(output).toContain('<a href="https://example.org/a" rel="noopener noreferrer">web</a>');
    expect(output).toContain('<a href="mailto:clerk@example.org" rel="noopener noreferrer">mail</a>');
    expect(output).not.toContain("javascript:");
    expect(output).toContain("script");
    expect(output).not.toContain("/app/people");
  });

  it("escapes markup in text instead of interpreting it", () => {
    expect(html(paragraph(text("<script>alert(1)</script>")))).toBe("<p>&lt;script>alert(1)&lt;/script></p>");
  });

  it("renders nothing for values that are not ProseMirror nodes", () => {
    expect(html(null)).toBe("");
    expect(html({ content: [] })).toBe("");
    expect(html(doc("a string", 42, paragraph(text("kept"))))).toBe("<p>kept</p>");
  });

  it("shows the text inside node types it does not know", () => {
    expect(html(doc({ type: "callout", content: [paragraph(text("inside"))] }))).toBe("<p>inside</p>");
  });
});

describe("safeHref", () => {
  it("accepts http, https and mailto, case-insensitively", () => {
    expect(safeHref("HTTPS://example.org")).toBe("https://example.org/");
    expect(safeHref("http://example.org/x?y=1")).toBe("http://example.org/x?y=1");
    expect(safeHref("mailto:a@example.org")).toBe("mailto:a@example.org");
  });

  it("refuses script, data and relative addresses and non-strings", () => {
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<b>")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref(42)).toBeNull();
  });
});

describe("hasText", () => {
  it("is false for a new, empty draft and true once any text exists", () => {
    expect(hasText(doc(paragraph()))).toBe(false);
    expect(hasText(doc(paragraph(), paragraph(text("a"))))).toBe(true);
  });
});
