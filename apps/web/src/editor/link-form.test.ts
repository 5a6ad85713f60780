import { describe, expect, it } from "vitest";
import { checkLinkAddress } from "./link-form.js";

describe("checkLinkAddress", () => {
  it("accepts web and mail addresses, trimming pasted spaces", () => {
    expect(checkLinkAddress("  https://www.example.gov/policy  ")).toEqual({ href: "https://www.example.gov/policy" });
    expect(checkLinkAddress("mailto:clerk@example.gov")).toEqual({ href: "mailto:clerk@example.gov" });
  });

  it("refuses what the schema refuses, with a message saying what is allowed", () => {
    for (const typed of ["javascript:alert(1)", "/relative", "//evil.example", "https://a.example@evil.example", "java\tscript:x"]) {
      const checked = checkLinkAddress(typed);
      expect(checked).toHaveProperty("problem");
      expect("problem" in checked && checked.problem).toMatch(/https:\/\//);
    }
  });

  it("asks for an address when none is given", () => {
    expect(checkLinkAddress("   ")).toEqual({ problem: "Enter the address the link should go to." });
  });
});
