import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape-html.js";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['" onmouseover="alert(1)', "&quot; onmouseover=&quot;alert(1)"],
    ["' onfocus='x", "&#39; onfocus=&#39;x"],
    ["</h2><img src=x onerror=alert(1)>", "&lt;/h2&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["Fish & Chips", "Fish &amp; Chips"],
    ["&amp; stays visible as typed", "&amp;amp; stays visible as typed"],
  ])("escapes %j", (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it("leaves text without special characters as it is", () => {
    expect(escapeHtml("Section 4.2 — “Timing” (§ 12-407)")).toBe("Section 4.2 — “Timing” (§ 12-407)");
  });
});
