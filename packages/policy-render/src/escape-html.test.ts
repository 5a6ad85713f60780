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

describe("escapeHtml on characters no document may hold", () => {
  it.each([
    ["a NUL", "a\u0000b", "a\ufffdb"],
    ["C0 controls", "x\u0001\u000b\u000c\u001fy", "x\ufffd\ufffd\ufffd\ufffdy"],
    ["DEL and C1 controls", "x\u007f\u0085\u009fy", "x\ufffd\ufffd\ufffdy"],
    ["lone surrogates", "x\ud800y\udc00z", "x\ufffdy\ufffdz"],
    ["noncharacters", "x\ufffe\uffff\ufdd0\u{1fffe}y", "x\ufffd\ufffd\ufffd\ufffdy"],
  ])("replaces %s with U+FFFD", (_name, text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it("keeps tabs, line breaks and characters outside the Basic Multilingual Plane", () => {
    expect(escapeHtml("a\tb\nc\r\nd 😀 𝄞")).toBe("a\tb\nc\r\nd 😀 𝄞");
  });
});
