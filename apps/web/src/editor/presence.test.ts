import { describe, expect, it } from "vitest";
import { presentPeople, readCollaboratorUser, safeColor } from "./presence.js";

const me = { userId: "u-me", name: "Priya Natarajan", affiliation: "citizen", color: "#047857" };
const state = (user: unknown, extra: Record<string, unknown> = {}) => ({ user, ...extra });

describe("presentPeople", () => {
  it("lists me first, marked, then others by name with their affiliation label", () => {
    const people = presentPeople(
      [
        state({ userId: "u-2", name: "Sgt. Marcus Reyes", affiliation: "police", color: "#1d4ed8" }),
        state({ userId: "u-3", name: "ADA Helen Okafor", affiliation: "prosecutor", color: "#7c3aed" }),
      ],
      me,
    );
    expect(people.map((person) => [person.name, person.affiliationLabel, person.isMe])).toEqual([
      ["Priya Natarajan", "Citizen", true],
      ["ADA Helen Okafor", "Prosecutor", false],
      ["Sgt. Marcus Reyes", "Police", false],
    ]);
  });

  it("shows a person with two tabs open once", () => {
    const marcus = { userId: "u-2", name: "Sgt. Marcus Reyes", affiliation: "police", color: "#1d4ed8" };
    expect(presentPeople([state(marcus), state(marcus), state(me)], me)).toHaveLength(2);
  });

  it("skips states without a user field (not yet stamped by the server) or with a malformed one", () => {
    expect(presentPeople([{}, state(null), state({ userId: 7, name: "x" }), state({ name: "no id" })], me)).toHaveLength(1);
  });

  it("labels someone outside the working group", () => {
    const facilitator = { userId: "u-f", name: "Dana", affiliation: null, color: "#374151" };
    expect(presentPeople([state(facilitator)], me)[1]?.affiliationLabel).toBe("Not in the working group");
  });
});

describe("safeColor", () => {
  it("accepts #rrggbb and replaces anything else, so no CSS can ride along", () => {
    expect(safeColor("#1d4ed8")).toBe("#1d4ed8");
    expect(safeColor("red; background: url(https://evil.example)")).toBe("#4b5563");
    expect(safeColor(undefined)).toBe("#4b5563");
    expect(readCollaboratorUser(state({ userId: "u", name: "n", color: "javascript:1" }))?.color).toBe("#4b5563");
  });
});
