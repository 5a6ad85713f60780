import { describe, expect, it } from "vitest";
import { renderStandaloneHtml } from "./standalone-html.js";

const page = (overrides: Partial<Parameters<typeof renderStandaloneHtml>[0]> = {}): string =>
  renderStandaloneHtml({
    title: "Body-Worn Camera Policy",
    subtitleLines: ["Version 3 · 27 November 2026 · SHA-256 0a1b2c"],
    bodyHtml: "<p>Body.</p>",
    ...overrides,
  });

describe("renderStandaloneHtml", () => {
  it("writes a complete HTML5 document with language, charset, viewport, title and body", () => {
    const html = page();
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Body-Worn Camera Policy</title>");
    expect(html).toContain("<h1>Body-Worn Camera Policy</h1>");
    expect(html).toContain('<p class="document-subtitle">Version 3 · 27 November 2026 · SHA-256 0a1b2c</p>');
    expect(html).toContain("<p>Body.</p>");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("puts a notice, escaped, above the title when there is one, and none otherwise", () => {
    const html = page({ notice: { mark: "Draft — not approved", text: "Not <b>policy</b> in force." } });
    expect(html).toContain(
      '<header class="document-header">\n<p class="document-notice" role="note"><strong>Draft — not approved.</strong> Not &lt;b&gt;policy&lt;/b&gt; in force.</p>\n<h1>',
    );
    expect(page()).not.toContain('class="document-notice"');
  });

  it("has print rules: page margins, no link underlines, headings kept with their text", () => {
    const html = page();
    expect(html).toMatch(/@media print \{[^]*@page \{ margin: /);
    expect(html).toMatch(/@media print \{[^]*a \{ color: inherit; text-decoration: none; \}/);
    expect(html).toMatch(/@media print \{[^]*page-break-after: avoid/);
  });

  it("contains no script at all", () => {
    expect(page()).not.toMatch(/<script/i);
  });

  it("escapes a hostile title and subtitle lines", () => {
    const html = page({ title: "</title><script>alert(1)</script>", subtitleLines: ['" onmouseover="x', "<img src=x onerror=alert(1)>"] });
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    expect(html).toContain('<p class="document-subtitle">&quot; onmouseover=&quot;x</p>');
  });

  it("adds the caller's CSS but never lets it close the style element", () => {
    const html = page({ extraCss: "ins { color: green; } </style><script>alert(1)</script>" });
    expect(html).toContain("ins { color: green; }");
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script/i);
  });
});
