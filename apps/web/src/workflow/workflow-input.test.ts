import { describe, expect, it } from "vitest";
import { isCalendarDate, readDecisionInput, readOptionalDate, readVoteTally } from "./workflow-input.js";

const fields = {
  decision: "approve",
  reason: " Adopted after public comment. ",
  meetingDate: "2026-06-01",
  meetingReference: " Resolution 2026-052 ",
  votesFor: "",
  votesAgainst: "",
  votesAbstain: "",
};

describe("readDecisionInput", () => {
  it("makes a record_decision action with trimmed text and no tally when none was given", () => {
    expect(readDecisionInput("board", fields)).toEqual({
      ok: true,
      input: {
        kind: "record_decision",
        bodyId: "board",
        decision: "approve",
        reason: "Adopted after public comment.",
        meetingDate: "2026-06-01",
        meetingReference: "Resolution 2026-052",
      },
    });
  });

  it("includes a complete tally", () => {
    const read = readDecisionInput("board", { ...fields, votesFor: "4", votesAgainst: "1", votesAbstain: "0" });
    expect(read.ok && read.input.kind === "record_decision" && read.input.voteTally).toEqual({ for: 4, against: 1, abstain: 0 });
  });

  it("refuses a partial tally, a missing reference, a missing reason and an impossible date, in words beside each field", () => {
    expect(readDecisionInput("b", { ...fields, votesFor: "4" })).toEqual({
      ok: false,
      problems: { "voteTally/against": "Give all three vote counts (for, against, abstaining), or leave all three empty." },
    });
    expect(readDecisionInput("b", { ...fields, votesFor: "4", votesAgainst: "x", votesAbstain: "0" })).toEqual({
      ok: false,
      problems: { "voteTally/against": "Votes are counted in whole numbers, 0 or more." },
    });
    expect(readDecisionInput("b", { ...fields, meetingReference: " " })).toMatchObject({
      ok: false,
      problems: { meetingReference: expect.stringMatching(/^Give the meeting reference .*\.$/) },
    });
    expect(readDecisionInput("b", { ...fields, reason: "" })).toMatchObject({
      ok: false,
      problems: { reason: expect.stringMatching(/reason/) },
    });
    expect(readDecisionInput("b", { ...fields, meetingDate: "2026-02-30" })).toMatchObject({
      ok: false,
      problems: { meetingDate: "Give the meeting's date (YYYY-MM-DD)." },
    });
    expect(readDecisionInput("b", { ...fields, decision: "" })).toEqual({ ok: false, problems: { decision: "Choose approve or reject." } });
  });

  it("finds every problem at once, keyed as the request names the fields, so each shows beside its own field", () => {
    const read = readDecisionInput("b", { ...fields, decision: "", reason: " ", meetingDate: "", meetingReference: "", votesAbstain: "2" });
    expect(read.ok).toBe(false);
    expect(Object.keys(!read.ok ? read.problems : {})).toEqual(["decision", "reason", "meetingDate", "meetingReference", "voteTally/for"]);
  });
});

describe("dates and tallies", () => {
  it("knows a calendar date from a look-alike", () => {
    expect(isCalendarDate("2027-01-01")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("1/1/2027")).toBe(false);
  });

  it("reads an empty optional date as no date", () => {
    expect(readOptionalDate("", "deadline")).toEqual({ ok: true, input: null });
    expect(readOptionalDate("2026-13-01", "deadline")).toMatchObject({ ok: false, problem: "Give the deadline (YYYY-MM-DD)." });
  });

  it("reads no tally from three empty fields", () => {
    expect(readVoteTally("", " ", "")).toEqual({ ok: true, input: undefined });
  });
});
