import { describe, expect, it } from "vitest";
import { policySchema, validateSuggestionTime } from "./schema.js";
import { acceptedDocument, collectSuggestions, decideSuggestions, hasSuggestions } from "./suggestions.js";

const { insertion, deletion, strong } = policySchema.marks;
const t0 = "2026-11-28T09:00:00.000Z";
const byCitizen = { id: "s1", author: "u-citizen", affiliation: "citizen", time: t0 };
const byPolice = { id: "s2", author: "u-police", affiliation: "police", time: t0 };

function paragraph(...parts: [string, ...ReturnType<typeof insertion.create>[]][]) {
  return policySchema.nodes.paragraph.create(
    null,
    parts.map(([text, ...marks]) => policySchema.text(text, marks)),
  );
}

const doc = policySchema.nodes.doc.create(null, [
  paragraph(["Officers ", strong.create()], ["must ", deletion.create(byPolice)], ["shall ", insertion.create(byCitizen)], ["record."]),
  paragraph(["Footage is kept "], ["ninety", insertion.create(byCitizen)], [" days."]),
]);

describe("suggestion marks", () => {
  it("validate their attributes when created", () => {
    expect(() => insertion.create({ ...byCitizen, id: "no spaces" })).toThrow(RangeError);
    expect(() => insertion.create({ ...byCitizen, time: "yesterday" })).toThrow(RangeError);
    expect(() => deletion.create({ ...byCitizen, affiliation: "Police Union" })).toThrow(RangeError);
    expect(() => deletion.create({ ...byCitizen, affiliation: null })).not.toThrow();
  });

  it("refuse a time outside the years 2000 to 9999, which PostgreSQL could not record", () => {
    for (const time of ["0000-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "0999-06-01T12:00:00Z"]) {
      expect(() => insertion.create({ ...byCitizen, time })).toThrow(/years 2000-9999/);
    }
    expect(() => validateSuggestionTime("2000-01-01T00:00:00.000Z")).not.toThrow();
    expect(() => validateSuggestionTime("9999-12-31T23:59:59.999Z")).not.toThrow();
  });

  it("refuse a time that names no real instant, though Date.parse would roll it over", () => {
    for (const time of [
      "2026-02-30T09:00:00.000Z",
      "2026-04-31T09:00:00Z",
      "2026-11-28T24:00:00Z",
      "2026-11-28T09:60:00Z",
      "2026-13-01T00:00:00Z",
    ]) {
      expect(() => validateSuggestionTime(time)).toThrow(RangeError);
    }
    expect(() => validateSuggestionTime("2028-02-29T09:00:00Z")).not.toThrow();
    expect(() => validateSuggestionTime(Date.parse(t0))).toThrow(RangeError);
  });

  it("exclude each other, so a run of text is either suggested or struck", () => {
    const marks = insertion.create(byCitizen).addToSet([deletion.create(byPolice)]);
    expect(marks.map((mark) => mark.type.name)).toEqual(["insertion"]);
  });
});

describe("collectSuggestions", () => {
  it("groups the runs of one suggestion and keeps who, what and when", () => {
    const found = collectSuggestions(doc);
    expect(found.map(({ kind, id, text, author, affiliation }) => ({ kind, id, text, author, affiliation }))).toEqual([
      { kind: "deletion", id: "s2", text: "must ", author: "u-police", affiliation: "police" },
      { kind: "insertion", id: "s1", text: "shall ninety", author: "u-citizen", affiliation: "citizen" },
    ]);
    expect(hasSuggestions(doc)).toBe(true);
  });
});

describe("decideSuggestions", () => {
  it("accepting keeps inserted text and removes struck text", () => {
    const decided = decideSuggestions(doc, "accept", () => true);
    expect(decided.textContent).toBe("Officers shall record.Footage is kept ninety days.");
    expect(hasSuggestions(decided)).toBe(false);
    expect(decided.firstChild?.firstChild?.marks.map((mark) => mark.type.name)).toEqual(["strong"]);
  });

  it("rejecting removes inserted text and keeps struck text", () => {
    const decided = decideSuggestions(doc, "reject", () => true);
    expect(decided.textContent).toBe("Officers must record.Footage is kept  days.");
    expect(hasSuggestions(decided)).toBe(false);
  });

  it("decides only the suggestions chosen", () => {
    const decided = decideSuggestions(doc, "accept", (_kind, attrs) => attrs.author === "u-police");
    expect(decided.textContent).toBe("Officers shall record.Footage is kept ninety days.");
    expect(collectSuggestions(decided).map((s) => s.id)).toEqual(["s1"]);
  });
});

describe("acceptedDocument", () => {
  it("is the text with no pending suggestion counted", () => {
    expect(acceptedDocument(doc).textContent).toBe("Officers must record.Footage is kept  days.");
  });
});
