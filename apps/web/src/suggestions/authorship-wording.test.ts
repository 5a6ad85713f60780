import { describe, expect, it } from "vitest";
import { authorshipLabel, authorshipRows, characterCount, describeDecision } from "./authorship-wording.js";

const row = (affiliation: string | null, inserted: number) => ({
  affiliation,
  acceptedInsertedCharacters: inserted,
  acceptedDeletedCharacters: 3,
  accepted: 1,
  rejected: 0,
});

describe("authorship wording", () => {
  it("puts the largest contributor of accepted text first, with its share in whole percent", () => {
    const rows = authorshipRows([row("police", 100), row("community", 300), row(null, 0)]);
    expect(rows.map((entry) => [entry.label, entry.share])).toEqual([
      ["Community organisation", "75%"],
      ["Police", "25%"],
      ["No affiliation", "0%"],
    ]);
  });

  it("shows no share while nothing has been accepted, ordering by name", () => {
    expect(authorshipRows([row("police", 0), row("citizen", 0)]).map((entry) => [entry.label, entry.share])).toEqual([
      ["Citizen", "–"],
      ["Police", "–"],
    ]);
  });

  it("says who decided whose suggestion, and what text", () => {
    const dana = { id: "d", name: "Dana Diaz", affiliation: "prosecutor" };
    const sam = { id: "s", name: "Sam Lee", affiliation: "citizen" };
    expect(describeDecision({ decidedBy: dana, decision: "accepted", author: sam, kind: "insertion", text: "120\ndays" })).toBe(
      "Dana Diaz accepted Sam Lee’s insertion “120 days”",
    );
    expect(describeDecision({ decidedBy: dana, decision: "rejected", author: dana, kind: "deletion", text: "180" })).toBe(
      "Dana Diaz rejected their own deletion “180”",
    );
  });

  it("names affiliations and counts characters", () => {
    expect(authorshipLabel("city_staff")).toBe("City staff");
    expect(characterCount(1)).toBe("1 character");
    expect(characterCount(1204)).toBe("1,204 characters");
  });
});
