import type { ProposalView } from "@accord/api-contract";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { buildProposal } from "./build-proposal.js";
import { SectionPositionRecord } from "./proposal-record.js";

// The record of section positions as the proposal card renders it, read as text (times are left out:
// they are formatted in the reader's time zone and locale).
function recordText(proposal: ProposalView): string {
  return renderToString(h(SectionPositionRecord, { proposal, level: 4 }))
    .replace(/<time[^>]*>.*?<\/time>/g, "(time)")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const at = (minute: number) => `2026-05-02T10:${String(minute).padStart(2, "0")}:00.000Z`;

// Priya objected to section 3, changed to reserving judgement, then objected again; the officer
// approved section 3 and withdrew his position on section 5.
const objectedSection = {
  sectionPositions: [
    { userId: "officer", section: "3", position: "approve" as const, reason: "", at: at(1) },
    { userId: "citizen", section: "3", position: "object" as const, reason: "Too vague on retention.", at: at(4) },
  ],
  sectionPositionHistory: [
    { userId: "officer", section: "3", position: "approve" as const, reason: "", at: at(1) },
    { userId: "citizen", section: "3", position: "object" as const, reason: "No retention limit.", at: at(2) },
    { userId: "citizen", section: "3", position: "reserve" as const, reason: "Waiting for counsel.", at: at(3) },
    { userId: "officer", section: "5", position: "approve" as const, reason: "", at: at(3) },
    { userId: "officer", section: "5", position: "withdrawn" as const, reason: "", at: at(3) },
    { userId: "citizen", section: "3", position: "object" as const, reason: "Too vague on retention.", at: at(4) },
  ],
};

describe("the record of section positions", () => {
  it("marks an objected section still open while the working group reviews", () => {
    const text = recordText(buildProposal({ stage: "review", ...objectedSection }));
    expect(text).toContain("3: 1 object, 1 approve (still open)");
    expect(text).not.toContain("The final positions");
  });

  it("shows the final positions, never still open, once the proposal is approved or published", () => {
    for (const stage of ["approved", "published"] as const) {
      const text = recordText(buildProposal({ stage, ...objectedSection }));
      expect(text, stage).toContain("The final positions: the working group's review has closed.");
      expect(text, stage).toContain("3: 1 object, 1 approve");
      expect(text, stage).not.toContain("still open");
      expect(text, stage).toContain("Priya : Object — Too vague on retention.");
    }
  });

  it("renders how the positions changed, oldest first, withdrawals included", () => {
    const text = recordText(buildProposal({ stage: "published", ...objectedSection }));
    expect(text).toContain("How the positions changed (6 changes)");
    const history = text.slice(text.indexOf("How the positions changed"));
    expect(history).toBe(
      [
        "How the positions changed (6 changes)",
        "(time): Sgt. Reyes, section 3: Approve",
        "(time): Priya, section 3: Object — No retention limit.",
        "(time): Priya, section 3: Reserve judgement — Waiting for counsel.",
        "(time): Sgt. Reyes, section 5: Approve",
        "(time): Sgt. Reyes, section 5: Withdrew their position",
        "(time): Priya, section 3: Object — Too vague on retention.",
      ].join(" "),
    );
  });
});
