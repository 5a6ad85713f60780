import { Transform } from "prosemirror-transform";
import { describe, expect, it } from "vitest";
import { docJSON, hardBreakJSON, headingJSON, paragraphJSON, strongJSON, type PolicyNodeJSON } from "./document-json.js";
import type { HeadingLevel } from "./schema.js";
import { policySchema } from "./schema.js";
import { clauseLetter, numberSections, numberSectionsJSON, sectionAt } from "./sections.js";

// An outline is written as levels; each heading's title is its index, so the cases stay short.
function outline(...levels: HeadingLevel[]): PolicyNodeJSON {
  return docJSON(...levels.flatMap((level, index) => [headingJSON(level, `Heading ${index}`), paragraphJSON("Text.")]));
}

const numbersOf = (json: PolicyNodeJSON): string[] => numberSections(policySchema.nodeFromJSON(json)).map((section) => section.number);

describe("numberSections", () => {
  it.each<[string, HeadingLevel[], string[]]>([
    ["numbers level-1 headings 1, 2, 3", [1, 1, 1], ["1", "2", "3"]],
    ["numbers level-2 headings under their section", [1, 2, 2, 1, 2], ["1", "1.1", "1.2", "2", "2.1"]],
    ["numbers a level-3 heading with a letter", [1, 2, 3, 3, 3], ["1", "1.1", "1.1.a", "1.1.b", "1.1.c"]],
    ["restarts letters under each subsection", [1, 2, 3, 2, 3], ["1", "1.1", "1.1.a", "1.2", "1.2.a"]],
    ["restarts subsections under each section", [1, 2, 3, 1, 3, 2], ["1", "1.1", "1.1.a", "2", "2.0.a", "2.1"]],
    ["numbers a level-2 heading before any section as 0.1", [2, 2, 1, 2], ["0.1", "0.2", "1", "1.1"]],
    ["numbers a level-3 heading before any heading as 0.0.a", [3, 1], ["0.0.a", "1"]],
    ["numbers a level-3 heading directly under a section as 1.0.a", [1, 3, 3, 2], ["1", "1.0.a", "1.0.b", "1.1"]],
    ["numbers nothing in a document without headings", [], []],
  ])("%s", (_name, levels, expected) => {
    const json = levels.length === 0 ? docJSON(paragraphJSON("No headings.")) : outline(...levels);
    expect(numbersOf(json)).toEqual(expected);
    expect(numberSectionsJSON(json).map((section) => section.number)).toEqual(expected);
  });

  it("gives every heading a slug anchor made from its number", () => {
    const sections = numberSections(policySchema.nodeFromJSON(outline(1, 2, 3, 2)));
    expect(sections.map((section) => section.anchor)).toEqual(["section-1", "section-1-1", "section-1-1-a", "section-1-2"]);
  });

  it("reports each heading's position, level and text", () => {
    const doc = policySchema.nodeFromJSON(
      docJSON(
        paragraphJSON("Intro"),
        headingJSON(1, "Scope of  ", strongJSON("this"), " policy"),
        headingJSON(2, "Line", hardBreakJSON(), "break"),
      ),
    );
    expect(numberSections(doc)).toEqual([
      { pos: 7, level: 1, number: "1", text: "Scope of this policy", anchor: "section-1" },
      { pos: 30, level: 2, number: "1.1", text: "Line break", anchor: "section-1-1" },
    ]);
    expect(doc.nodeAt(7)?.type.name).toBe("heading");
    expect(doc.nodeAt(30)?.type.name).toBe("heading");
  });

  it("renumbers the following sections when a section is inserted before them", () => {
    const doc = policySchema.nodeFromJSON(outline(1, 2, 1, 2, 3));
    expect(numberSections(doc).map((section) => section.number)).toEqual(["1", "1.1", "2", "2.1", "2.1.a"]);
    const secondSection = numberSections(doc)[2]!.pos;
    const inserted = policySchema.nodeFromJSON(headingJSON(1, "Inserted"));
    const after = new Transform(doc).insert(secondSection, inserted).doc;
    expect(numberSections(after).map((section) => `${section.number} ${section.text}`)).toEqual([
      "1 Heading 0",
      "1.1 Heading 1",
      "2 Inserted",
      "3 Heading 2",
      "3.1 Heading 3",
      "3.1.a Heading 4",
    ]);
  });

  it("renumbers the letters when a clause is deleted", () => {
    const doc = policySchema.nodeFromJSON(outline(1, 3, 3, 3));
    const [, , second] = numberSections(doc);
    const secondClause = doc.nodeAt(second!.pos)!;
    const after = new Transform(doc).delete(second!.pos, second!.pos + secondClause.nodeSize).doc;
    expect(numberSections(after).map((section) => `${section.number} ${section.text}`)).toEqual([
      "1 Heading 0",
      "1.0.a Heading 1",
      "1.0.b Heading 3",
    ]);
  });
});

describe("numberSectionsJSON", () => {
  it("gives the same numbers, positions, texts and anchors as numberSections", () => {
    const json = docJSON(
      paragraphJSON("Intro ", strongJSON("bold"), hardBreakJSON(), "more"),
      headingJSON(2, "Early"),
      headingJSON(1, "First ", strongJSON("section")),
      paragraphJSON(),
      headingJSON(3, "Clause"),
    );
    expect(numberSectionsJSON(json)).toEqual(numberSections(policySchema.nodeFromJSON(json)));
  });

  it("reads a heading without attrs as level 1, as the schema's default does", () => {
    expect(numberSectionsJSON({ type: "doc", content: [{ type: "heading" }] }).map((section) => section.number)).toEqual(["1"]);
  });

  it("refuses a heading of level 4 with a message naming the level", () => {
    expect(() => numberSectionsJSON(docJSON({ type: "heading", attrs: { level: 4 } }))).toThrow(
      "A heading level must be 1, 2 or 3, got 4.",
    );
  });
});

describe("sectionAt", () => {
  const json = docJSON(
    paragraphJSON("Preamble."),
    headingJSON(1, "Scope"),
    paragraphJSON("Text."),
    headingJSON(2, "Limits"),
    paragraphJSON("More."),
  );
  const sections = numberSections(policySchema.nodeFromJSON(json));

  it("names the last heading at or before a position, and none before the first heading", () => {
    expect(sectionAt(sections, 1)).toBeNull();
    expect(sectionAt(sections, sections[0]!.pos)).toBe("1");
    expect(sectionAt(sections, sections[1]!.pos - 1)).toBe("1");
    expect(sectionAt(sections, sections[1]!.pos + 3)).toBe("1.1");
    expect(sectionAt(numberSectionsJSON(json), sections[1]!.pos + 3)).toBe("1.1");
    expect(sectionAt([], 40)).toBeNull();
  });
});

describe("clauseLetter", () => {
  it.each([
    [1, "a"],
    [2, "b"],
    [26, "z"],
    [27, "aa"],
    [52, "az"],
    [53, "ba"],
    [702, "zz"],
    [703, "aaa"],
  ])("labels clause %i as %j", (count, letters) => {
    expect(clauseLetter(count)).toBe(letters);
  });

  it("refuses a clause counter of 0", () => {
    expect(() => clauseLetter(0)).toThrow(RangeError);
  });
});
