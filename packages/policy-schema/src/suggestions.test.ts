import { describe, expect, it } from "vitest";
import { policySchema } from "./schema.js";
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
