import { describe, expect, it } from "vitest";
import type { SectionChange } from "./redline-types.js";
import { describeSummary } from "./summary.js";

const modified = (section: string): SectionChange => ({ section, title: "", change: "modified" });

describe("describeSummary", () => {
  it.each<[string, SectionChange[], string]>([
    ["no changes", [], "No changes."],
    ["one changed section", [modified("4.2")], "Section 4.2 changed."],
    ["two changed sections", [modified("4.2"), modified("9.3")], "Sections 4.2 and 9.3 changed."],
    ["three changed sections", [modified("1"), modified("4.2"), modified("9.3")], "Sections 1, 4.2 and 9.3 changed."],
    [
      "changed, added, removed and moved sections in that order",
      [
        modified("4.2"),
        { section: "7.3", title: "", change: "moved", from: "7.2" },
        modified("9.3"),
        { section: "12", title: "", change: "added" },
        { section: "5", title: "", change: "removed" },
      ],
      "Sections 4.2 and 9.3 changed; section 12 added; section 5 removed; section 7.3 moved from 7.2.",
    ],
    [
      "a moved section whose text changed",
      [{ section: "3", title: "", change: "moved", from: "1", contentChanged: true }],
      "Section 3 moved from 1 and changed.",
    ],
    ["the text before the first heading", [modified(""), modified("2")], "The opening text changed; section 2 changed."],
  ])("describes %s", (_name, summary, text) => {
    expect(describeSummary(summary)).toBe(text);
  });
});
