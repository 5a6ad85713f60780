import type { VersionSummary } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import { compareChoices, compareSearch, parseCompareSide, parseVersionNumber, readCompareQuery, sideLabel } from "./compare-query.js";

function buildVersion(number: number, label: string): VersionSummary {
  return {
    number,
    label,
    note: "",
    authorId: "u1",
    authorName: "Sgt. Marcus Reyes",
    createdAt: "2026-03-12T14:05:00.000Z",
    contentHash: "0".repeat(64),
    wordCount: 100,
    wordsAdded: 10,
    wordsRemoved: 2,
  };
}

describe("parseCompareSide", () => {
  it("reads a version number or the draft", () => {
    expect(parseCompareSide("draft")).toBe("draft");
    expect(parseCompareSide("1")).toBe(1);
    expect(parseCompareSide("1234567")).toBe(1234567);
  });

  it("refuses what the server would refuse", () => {
    for (const value of [undefined, "", "0", "03", "-1", "1.5", "banana", "Draft", "12345678", " 2"]) {
      expect(parseCompareSide(value), String(value)).toBeNull();
    }
  });

  it("reads only numbers as version numbers", () => {
    expect(parseVersionNumber("4")).toBe(4);
    expect(parseVersionNumber("draft")).toBeNull();
  });
});

describe("readCompareQuery", () => {
  it("reads both sides", () => {
    expect(readCompareQuery({ from: "1", to: "2" }, 5)).toEqual({ ok: true, from: 1, to: 2 });
    expect(readCompareQuery({ from: "draft", to: "3" }, 5)).toEqual({ ok: true, from: "draft", to: 3 });
  });

  it("compares the newest version with the current draft when the query says nothing", () => {
    expect(readCompareQuery({}, 5)).toEqual({ ok: true, from: 5, to: "draft" });
    expect(readCompareQuery({ from: "", to: "" }, 5)).toEqual({ ok: true, from: 5, to: "draft" });
    expect(readCompareQuery({ from: "2" }, 5)).toEqual({ ok: true, from: 2, to: "draft" });
  });

  it("says there is nothing to compare before the first version", () => {
    expect(readCompareQuery({}, null)).toMatchObject({ ok: false, problem: expect.stringContaining("No version") });
  });

  it("says so when a side is malformed, keeping the other for the form", () => {
    expect(readCompareQuery({ from: "1", to: "banana" }, 5)).toMatchObject({ ok: false, from: 1, to: null });
  });
});

describe("compareSearch", () => {
  it("writes the query the page and the server read", () => {
    expect(compareSearch(1, "draft")).toBe("?from=1&to=draft");
    const written = new URLSearchParams(compareSearch(3, 4).slice(1));
    expect(readCompareQuery(Object.fromEntries(written), null)).toEqual({ ok: true, from: 3, to: 4 });
  });
});

describe("compare choices", () => {
  const versions = [buildVersion(2, "After my change"), buildVersion(1, "Before my change")];

  it("offers every version, newest first, then the current draft", () => {
    expect(compareChoices(versions)).toEqual([
      ["2", "Version 2: After my change"],
      ["1", "Version 1: Before my change"],
      ["draft", "Current draft"],
    ]);
  });

  it("names a side the list does not hold by its number", () => {
    expect(sideLabel(9, versions)).toBe("Version 9");
    expect(sideLabel("draft", versions)).toBe("Current draft");
  });
});
