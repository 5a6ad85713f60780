import { describe, expect, it } from "vitest";
import { isAllowedHref } from "./safe-href.js";

describe("isAllowedHref", () => {
  it.each([
    ["https://x"],
    ["http://x"],
    ["mailto:x@y.z"],
    ["HTTPS://Example.ORG/Path?q=1&r=2#frag"],
    ["https://bja.ojp.gov/program/bwc"],
    ["https://example.org/a%20b"],
    ["mailto:bwc-concerns@riverton.example?subject=Recording"],
  ])("accepts the absolute http, https or mailto URL %j", (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  it.each([
    ["javascript:alert(1)", "a javascript: URL"],
    [" javascript:alert(1)", "a javascript: URL behind a leading space"],
    ["java\tscript:alert(1)", "a tab inside the scheme"],
    ["java\nscript:alert(1)", "a newline inside the scheme"],
    ["\u0000javascript:alert(1)", "a NUL before the scheme"],
    ["\u200Bjavascript:alert(1)", "a zero-width space before the scheme"],
    ["JAVASCRIPT:alert(1)", "an upper-case javascript: URL"],
    ["JaVaScRiPt:alert(1)", "a mixed-case javascript: URL"],
    ["&#106;avascript:alert(1)", "an entity-encoded javascript: URL"],
    ["&#x6A;avascript:alert(1)", "a hex-entity-encoded javascript: URL"],
    ["%6Aavascript:alert(1)", "a percent-encoded javascript: URL"],
    ["javascript&colon;alert(1)", "an entity-encoded colon"],
    ["data:text/html,<script>alert(1)</script>", "a data: URL"],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "a base64 data: URL"],
    ["vbscript:msgbox(1)", "a vbscript: URL"],
    ["file:///etc/passwd", "a file: URL"],
    ["ftp://example.org/", "an ftp: URL"],
    ["//evil.example", "a protocol-relative URL"],
    ["/relative", "a root-relative URL"],
    ["relative/page.html", "a relative path"],
    ["#section-1", "a fragment"],
    ["", "an empty string"],
    ["https://", "https without a host"],
    ["https:evil.example", "https without slashes"],
    ["https:\\\\evil.example", "https with backslashes"],
    ["https://trusted.example@evil.example", "credentials in front of the real host"],
    ["https://exa mple.org", "a space inside the URL"],
    ["https://example.org ", "a trailing space"],
    ["https://example.org/\u202Egpj.exe", "a right-to-left override"],
    ["mailto:", "a mailto: without an address"],
  ])("refuses %j (%s)", (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it("refuses a value that is not a string even if a caller's types lie", () => {
    expect(isAllowedHref(42 as unknown as string)).toBe(false);
    expect(isAllowedHref(null as unknown as string)).toBe(false);
  });
});
