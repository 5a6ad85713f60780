import { describe, expect, it } from "vitest";
import { authorshipLabel, authorshipRows, authorshipTotals, characterCount, describeDecision } from "./authorship-wording.js";

const row = (affiliation: string | null, inserted: number) => ({
  affiliation,
  acceptedInsertedCharacters: inserted,
  acceptedDeletedCharacters: 3,
  accepted: 1,
  rejected: 0,
});

describe("authorship wording", () => {
  it("lists each affiliation with counts only, the one whose accepted suggestions added most characters first", () => {
    const rows = authorshipRows([row("police", 100), row("community", 300), row(null, 0)]);
    expect(rows.map((entry) => [entry.label, entry.acceptedInsertedCharacters])).toEqual([
      ["Community organisation", 300],
      ["Police", 100],
      ["No affiliation", 0],
    ]);
    // No share: a share of accepted suggestions read as a share of the whole policy.
    expect(rows.every((entry) => !("share" in entry))).toBe(true);
  });

  it("orders affiliations with equal counts by name", () => {
    expect(authorshipRows([row("police", 0), row("citizen", 0)]).map((entry) => entry.label)).toEqual(["Citizen", "Police"]);
  });

  it("adds up every affiliation's counts", () => {
    expect(authorshipTotals([row("police", 100), row("community", 300)])).toEqual({
      acceptedInsertedCharacters: 400,
      acceptedDeletedCharacters: 6,
      accepted: 2,
      rejected: 0,
    });
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
