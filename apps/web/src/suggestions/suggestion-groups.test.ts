import { collectSuggestions, numberSections } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { groupByAuthor, rangeOfSuggestion, suggestionItems } from "./suggestion-groups.js";
import { deleted, doc, heading, inserted, paragraph, text } from "./suggestion-test-documents.js";

const ana = { author: "ana", affiliation: "citizen" };
const ben = { author: "ben", affiliation: "police" };

// "Intro" paragraph (before any heading), section 1 with two paragraphs, section 1.1 with one.
const policy = doc(
  paragraph(text("Intro "), text("soon", inserted({ id: "a1", ...ana }))),
  heading(1, "Purpose"),
  paragraph(text("Keep "), text("180", deleted({ id: "b1", ...ben })), text("120", inserted({ id: "b2", ...ben })), text(" days.")),
  paragraph(text("Tell people", deleted({ id: "a2", ...ana, time: "2026-03-12T10:00:00.000Z" }))),
  heading(2, "Scope"),
  paragraph(
    text("All "),
    text("sworn ", deleted({ id: "r1", ...ana })),
    text("officers", inserted({ id: "r1", ...ana, time: "2026-03-12T09:00:00.000Z" })),
  ),
);
const items = suggestionItems(collectSuggestions(policy), numberSections(policy));

describe("suggestionItems", () => {
  it("lists one item per suggestion in document order, with its text, kind and section", () => {
    expect(items.map((item) => [item.id, item.kind, item.section])).toEqual([
      ["a1", "insertion", null],
      ["b1", "deletion", "1"],
      ["b2", "insertion", "1"],
      ["a2", "deletion", "1"],
      ["r1", "replacement", "1.1"],
    ]);
    expect(items[1]).toMatchObject({ deletedText: "180", insertedText: null, author: "ben", affiliation: "police" });
    expect(items[2]).toMatchObject({ deletedText: null, insertedText: "120" });
  });

  it("joins a deletion and an insertion sharing an id into one replacement, decided together", () => {
    const replacement = items.find((item) => item.id === "r1");
    expect(replacement).toMatchObject({ kind: "replacement", deletedText: "sworn ", insertedText: "officers" });
    // Its range covers both parts, and its time is the earlier one.
    const parts = collectSuggestions(policy).filter((part) => part.id === "r1");
    expect(replacement?.from).toBe(Math.min(...parts.map((part) => part.from)));
    expect(replacement?.to).toBe(Math.max(...parts.map((part) => part.to)));
    expect(replacement?.time).toBe("2026-03-12T09:00:00.000Z");
  });

  it("lists nothing for a document without suggestions", () => {
    const plain = doc(paragraph(text("Nothing pending.")));
    expect(suggestionItems(collectSuggestions(plain), numberSections(plain))).toEqual([]);
  });
});

describe("groupByAuthor", () => {
  it("groups the items by author, in the order each author first appears, keeping document order inside", () => {
    const groups = groupByAuthor(items);
    expect(groups.map((group) => [group.author, group.affiliation, group.items.map((item) => item.id)])).toEqual([
      ["ana", "citizen", ["a1", "a2", "r1"]],
      ["ben", "police", ["b1", "b2"]],
    ]);
  });
});

describe("rangeOfSuggestion", () => {
  it("covers every part of one id, and is null once the suggestion is gone", () => {
    const pending = collectSuggestions(policy);
    const range = rangeOfSuggestion(pending, "b2");
    expect(range && policy.textBetween(range.from, range.to)).toBe("120");
    const replacement = rangeOfSuggestion(pending, "r1");
    expect(replacement && policy.textBetween(replacement.from, replacement.to)).toBe("sworn officers");
    expect(rangeOfSuggestion(pending, "decided-already")).toBeNull();
  });
});
