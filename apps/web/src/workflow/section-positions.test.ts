import type { SectionPosition } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import { reasonRule, compareSections, groupSectionPositions, sectionPositionsOpen } from "./section-positions.js";

const position = (userId: string, section: string, value: SectionPosition["position"]): SectionPosition => ({
  userId,
  section,
  position: value,
  reason: value === "approve" ? "" : "Needs work.",
  at: "2026-05-02T10:00:00.000Z",
});

describe("groupSectionPositions", () => {
  it("counts each section's positions, objections first", () => {
    const groups = groupSectionPositions(
      [position("officer", "4.2", "reserve"), position("citizen", "4.2", "object"), position("prosecutor", "4.2", "approve")],
      "review",
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ section: "4.2", summary: "1 object, 1 reserve, 1 approve", unsettled: true });
    expect(groups[0]?.counts).toEqual({ approve: 1, object: 1, reserve: 1 });
  });

  it("marks a section where everyone approves as settled", () => {
    const [group] = groupSectionPositions([position("officer", "2", "approve"), position("citizen", "2", "approve")], "review");
    expect(group).toMatchObject({ summary: "2 approve", unsettled: false });
  });

  it("orders sections as numbered, not as strings", () => {
    const groups = groupSectionPositions(
      [position("a", "10", "object"), position("b", "4.10", "object"), position("c", "4.2.a", "object"), position("d", "4.2", "object")],
      "review",
    );
    expect(groups.map((group) => group.section)).toEqual(["4.2", "4.2.a", "4.10", "10"]);
  });

  it("is empty without positions", () => {
    expect(groupSectionPositions([], "review")).toEqual([]);
  });

  it("marks no section still open once the proposal has left the working group: the positions are final", () => {
    const positions = [position("citizen", "3", "object"), position("officer", "3", "reserve")];
    for (const stage of ["awaiting_approval", "approved", "published", "changes_requested", "superseded"] as const) {
      const [group] = groupSectionPositions(positions, stage);
      expect(group, stage).toMatchObject({ section: "3", summary: "1 object, 1 reserve", unsettled: false });
    }
    expect(groupSectionPositions(positions, "review")[0]?.unsettled).toBe(true);
  });
});

describe("sectionPositionsOpen", () => {
  it("is true only while the working group reviews, as the server's stage table allows", () => {
    expect(sectionPositionsOpen("review")).toBe(true);
    expect(sectionPositionsOpen("approved")).toBe(false);
    expect(sectionPositionsOpen("published")).toBe(false);
  });
});

describe("compareSections", () => {
  it("puts clause z before clause aa", () => {
    expect(compareSections("1.1.z", "1.1.aa")).toBeLessThan(0);
    expect(compareSections("3", "3")).toBe(0);
  });
});

describe("the reason a position needs", () => {
  it("is required to object or reserve, and optional to approve, as the server rules", () => {
    expect(reasonRule("object").required).toBe(true);
    expect(reasonRule("reserve").required).toBe(true);
    expect(reasonRule("approve").required).toBe(false);
  });

  it("is asked for in a sentence naming the section, never a field path", () => {
    expect(reasonRule("object").missing("4.2")).toBe("Give a reason for objecting to section 4.2, so the drafters know what to change.");
    expect(reasonRule("reserve").missing("")).toMatch(/^Give a reason for reserving your position on this section/);
  });
});
