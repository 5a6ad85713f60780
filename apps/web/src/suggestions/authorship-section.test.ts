import type { Authorship } from "@accord/api-contract";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { AffiliationTable, DraftTextTable } from "./authorship-section.js";

// The table of "Where the text came from", rendered as the page renders it, read as text.
function tableText(affiliations: Authorship["affiliations"]): string {
  const html = renderToString(
    h(AffiliationTable, { authorship: { affiliations, decisions: [], draftText: { byAffiliation: [], notRecorded: 0 } } }),
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const community = { affiliation: "community", acceptedInsertedCharacters: 1204, acceptedDeletedCharacters: 18, accepted: 3, rejected: 1 };
const police = { affiliation: "police", acceptedInsertedCharacters: 40, acceptedDeletedCharacters: 0, accepted: 1, rejected: 0 };

describe("the table of where the text came from", () => {
  it("counts the characters of accepted suggestions by affiliation, with no share that reads as authorship of the whole", () => {
    const text = tableText([community]);
    expect(text).toContain("Characters of accepted suggestions, by the affiliation of the person who suggested them");
    expect(text).toContain("Community organisation 1,204 characters 18 characters 3 1");
    expect(text).not.toMatch(/share|%/i);
  });

  it("adds a row of the sums when more than one affiliation has suggestions decided", () => {
    expect(tableText([police, community])).toContain("All affiliations 1,244 characters 18 characters 4 1");
    expect(tableText([community])).not.toContain("All affiliations");
  });

  it("says so when no suggestion has been decided, without claiming who wrote the text", () => {
    expect(tableText([])).toBe("No suggestion has been decided yet.");
  });
});

describe("the table of who typed the draft's text", () => {
  const draftTableText = (draftText: Authorship["draftText"]) =>
    renderToString(h(DraftTextTable, { authorship: { affiliations: [], decisions: [], draftText } }))
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();

  it("counts the draft's characters by the typist's affiliation, and what no record names apart", () => {
    const text = draftTableText({
      byAffiliation: [
        { affiliation: "police", characters: 1200 },
        { affiliation: "citizen", characters: 1 },
      ],
      notRecorded: 5400,
    });
    expect(text).toContain("Police 1,200 characters");
    expect(text).toContain("Citizen 1 character");
    expect(text).toContain("Not recorded (the starting text, restores) 5,400 characters");
    expect(text).not.toMatch(/share|%/i);
  });

  it("says so when the draft has no text", () => {
    expect(draftTableText({ byAffiliation: [], notRecorded: 0 })).toBe("The draft has no text yet.");
  });
});
