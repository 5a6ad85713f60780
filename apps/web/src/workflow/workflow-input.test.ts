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

  it("refuses a partial tally, a missing reference, a missing reason and an impossible date, in words", () => {
    expect(readDecisionInput("b", { ...fields, votesFor: "4" })).toMatchObject({ ok: false, problem: expect.stringMatching(/all three/) });
    expect(readDecisionInput("b", { ...fields, votesFor: "x", votesAgainst: "1", votesAbstain: "0" })).toMatchObject({ ok: false });
    expect(readDecisionInput("b", { ...fields, meetingReference: " " })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/meeting reference/),
    });
    expect(readDecisionInput("b", { ...fields, reason: "" })).toMatchObject({ ok: false, problem: expect.stringMatching(/reason/) });
    expect(readDecisionInput("b", { ...fields, meetingDate: "2026-02-30" })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/date/),
    });
    expect(readDecisionInput("b", { ...fields, decision: "" })).toMatchObject({ ok: false });
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
