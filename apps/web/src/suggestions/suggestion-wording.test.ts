import { affiliationColors, facilitatorColor } from "@accord/domain";
import { describe, expect, it } from "vitest";
import {
  affiliationColor,
  affiliationLabel,
  authorWithAffiliation,
  countSuggestions,
  decisionNotice,
  describeChange,
  formatSuggestionTime,
  quoteText,
  suggestionTooltip,
} from "./suggestion-wording.js";

describe("suggestion wording", () => {
  it("titles suggested text with its author, their affiliation and the time", () => {
    expect(suggestionTooltip({ name: "Ana Ruiz", affiliation: "community" }, "2026-03-12T14:05:00Z", "en-GB", "UTC")).toBe(
      "Suggested by Ana Ruiz (Community organisation), 12 Mar 2026, 14:05",
    );
  });

  it("leaves out the affiliation of someone who has none", () => {
    expect(authorWithAffiliation({ name: "Fran Lee", affiliation: null })).toBe("Fran Lee");
    expect(affiliationLabel(null)).toBeNull();
  });

  it("shows an unreadable time as it came rather than hiding it", () => {
    expect(formatSuggestionTime("yesterday")).toBe("yesterday");
  });

  it("colours suggestions by affiliation, and a facilitator's or unknown one in the facilitator's grey", () => {
    expect(affiliationColor("police")).toBe(affiliationColors.police);
    expect(affiliationColor(null)).toBe(facilitatorColor);
    expect(affiliationColor("martians")).toBe(facilitatorColor);
  });

  it("says what a suggestion changes, quoting the text on one line", () => {
    expect(describeChange({ insertedText: "120", deletedText: null })).toBe("Add “120”");
    expect(describeChange({ insertedText: null, deletedText: "180\ndays" })).toBe("Delete “180 days”");
    expect(describeChange({ insertedText: "officers", deletedText: "sworn" })).toBe("Replace “sworn” with “officers”");
  });

  it("cuts a long quotation with an ellipsis", () => {
    const quoted = quoteText("word ".repeat(60), 20);
    expect(quoted).toBe("“word word word word…”");
    expect(quoted.length).toBeLessThanOrEqual(22);
  });

  it("counts suggestions and words the notice after a decision", () => {
    expect(countSuggestions(1)).toBe("1 suggestion");
    expect(countSuggestions(1200)).toBe("1,200 suggestions");
    expect(decisionNotice("accept", 2)).toBe("Accepted 2 suggestions.");
    expect(decisionNotice("reject", 1, "Ben Ode")).toBe("Rejected 1 suggestion by Ben Ode.");
    expect(decisionNotice("accept", 0)).toMatch(/already decided/);
  });
});
