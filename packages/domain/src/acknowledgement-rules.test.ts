import { describe, expect, it } from "vitest";
import {
  acknowledgementOn,
  acknowledgementStatement,
  assertEditorialReason,
  assertValidQuiz,
  audienceIncludes,
  gradeQuiz,
  isOverdue,
  planReplacement,
  remindersDue,
  resolveAudience,
  verifyAcknowledgements,
  type AcknowledgementRecord,
  type Quiz,
  type RemindableAssignment,
} from "./acknowledgement-rules.js";

const roster = [
  { userId: "ann", unit: "Patrol East" },
  { userId: "ben", unit: "Patrol West" },
  { userId: "cal", unit: "Traffic" },
];

describe("campaign audiences", () => {
  it("takes in everyone, some units, or a list", () => {
    expect(resolveAudience({ kind: "everyone" }, roster).map((person) => person.userId)).toEqual(["ann", "ben", "cal"]);
    expect(resolveAudience({ kind: "units", units: ["Patrol East", "Traffic"] }, roster).map((person) => person.userId)).toEqual([
      "ann",
      "cal",
    ]);
    expect(resolveAudience({ kind: "list", userIds: ["ben"] }, roster).map((person) => person.userId)).toEqual(["ben"]);
  });

  it("takes in someone who joins a unit later", () => {
    expect(audienceIncludes({ kind: "units", units: ["Traffic"] }, { userId: "new", unit: "Traffic" })).toBe(true);
    expect(audienceIncludes({ kind: "list", userIds: ["ann"] }, { userId: "new", unit: "Patrol East" })).toBe(false);
  });
});

describe("quizzes", () => {
  const quiz: Quiz = {
    passMarkPercent: 67,
    questions: [
      { prompt: "When must the camera record?", choices: ["Always", "On every call for service"], correctChoice: 1 },
      { prompt: "May you delete footage?", choices: ["No", "Yes"], correctChoice: 0 },
      { prompt: "Who may view footage?", choices: ["Anyone", "Those the policy names"], correctChoice: 1 },
    ],
  };

  it("passes at the pass mark and fails below it", () => {
    expect(gradeQuiz(quiz, [1, 0, 1])).toEqual({ correct: 3, total: 3, scorePercent: 100, passed: true });
    expect(gradeQuiz(quiz, [1, 0, 0])).toEqual({ correct: 2, total: 3, scorePercent: 67, passed: false });
    expect(gradeQuiz({ ...quiz, passMarkPercent: 66 }, [1, 0, 0]).passed).toBe(true);
  });

  it("refuses an attempt that does not answer every question", () => {
    expect(() => gradeQuiz(quiz, [1])).toThrow(/each of the 3 questions/);
  });

  it("refuses a quiz with no questions, one choice, a right choice out of range, or a pass mark out of range", () => {
    expect(() => assertValidQuiz({ ...quiz, questions: [] })).toThrow(/at least one question/);
    expect(() => assertValidQuiz({ ...quiz, questions: [{ prompt: "?", choices: ["a"], correctChoice: 0 }] })).toThrow(/two choices/);
    expect(() => assertValidQuiz({ ...quiz, questions: [{ prompt: "?", choices: ["a", "b"], correctChoice: 2 }] })).toThrow(/right choice/);
    expect(() => assertValidQuiz({ ...quiz, passMarkPercent: 0 })).toThrow(/pass mark/);
    expect(() => assertValidQuiz(quiz)).not.toThrow();
  });
});

describe("the reminder schedule", () => {
  const at = (iso: string) => new Date(iso);
  const assignment = (overrides: Partial<RemindableAssignment> = {}): RemindableAssignment => ({
    status: "open",
    dueDate: "2026-12-31",
    assignedAt: at("2026-12-01T09:00:00Z"),
    sent: [],
    ...overrides,
  });

  it("sends nothing before 7 days ahead, then 7 days, 1 day and overdue, each once", () => {
    expect(remindersDue(assignment(), at("2026-12-23T23:59:59Z"))).toEqual([]);
    expect(remindersDue(assignment(), at("2026-12-24T00:00:00Z"))).toEqual(["due_in_7_days"]);
    expect(remindersDue(assignment({ sent: ["due_in_7_days"] }), at("2026-12-29T12:00:00Z"))).toEqual([]);
    expect(remindersDue(assignment({ sent: ["due_in_7_days"] }), at("2026-12-30T00:00:00Z"))).toEqual(["due_in_1_day"]);
    expect(remindersDue(assignment({ sent: ["due_in_7_days", "due_in_1_day"] }), at("2026-12-31T23:59:59Z"))).toEqual([]);
    expect(remindersDue(assignment({ sent: ["due_in_7_days", "due_in_1_day"] }), at("2027-01-01T00:00:00Z"))).toEqual(["overdue"]);
    expect(remindersDue(assignment({ sent: ["due_in_7_days", "due_in_1_day", "overdue"] }), at("2027-02-01T00:00:00Z"))).toEqual([]);
  });

  it("sends only the latest reminder after a gap, and none whose moment came before the assignment", () => {
    expect(remindersDue(assignment(), at("2027-01-05T00:00:00Z"))).toEqual(["overdue"]);
    expect(remindersDue(assignment({ assignedAt: at("2026-12-27T00:00:00Z") }), at("2026-12-27T00:00:00Z"))).toEqual([]);
    expect(remindersDue(assignment({ assignedAt: at("2026-12-27T00:00:00Z") }), at("2026-12-30T00:00:00Z"))).toEqual(["due_in_1_day"]);
  });

  it("reminds only open assignments, and calls only those past their due day overdue", () => {
    expect(remindersDue(assignment({ status: "acknowledged" }), at("2027-01-05T00:00:00Z"))).toEqual([]);
    expect(isOverdue(assignment(), at("2026-12-31T23:00:00Z"))).toBe(false);
    expect(isOverdue(assignment(), at("2027-01-01T00:00:00Z"))).toBe(true);
    expect(isOverdue(assignment({ status: "replaced" }), at("2027-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("a new version", () => {
  const assignments = [
    { id: "a1", userId: "ann", versionNumber: 2, status: "acknowledged" as const },
    { id: "b1", userId: "ben", versionNumber: 2, status: "open" as const },
  ];

  it("replaces the open assignments of the earlier version and assigns everyone the new one", () => {
    expect(planReplacement(assignments, 3, false, ["ann", "ben", "cal"])).toEqual({
      replace: ["b1"],
      assign: ["ann", "ben", "cal"],
      covered: [],
    });
  });

  it("lets an acknowledgement stand when the new version is editorial, but still assigns who had not acknowledged", () => {
    expect(planReplacement(assignments, 3, true, ["ann", "ben", "cal"])).toEqual({
      replace: ["b1"],
      assign: ["ben", "cal"],
      covered: ["ann"],
    });
  });

  it("assigns nobody twice", () => {
    const withV3 = [...assignments, { id: "c3", userId: "cal", versionNumber: 3, status: "open" as const }];
    expect(planReplacement(withV3, 3, false, ["ann", "ben", "cal"]).assign).toEqual(["ann", "ben"]);
  });

  it("requires a reason for an editorial change", () => {
    expect(() => assertEditorialReason("  typo ")).toThrow(/Say why/);
    expect(assertEditorialReason(" Fixed a typo in section 4.2. ")).toBe("Fixed a typo in section 4.2.");
  });
});

describe("acknowledgements", () => {
  const record: AcknowledgementRecord = {
    id: "ack-1",
    userId: "ann",
    policyId: "p",
    versionNumber: 2,
    contentHash: "ab".repeat(32),
    statement: acknowledgementStatement({ policyTitle: "Body-Worn Cameras", versionNumber: 2, contentHash: "ab".repeat(32) }),
    acknowledgedAt: "2026-12-10T10:00:00.000Z",
  };

  it("states the version and its content hash", () => {
    expect(record.statement).toBe(
      `I have read version 2 of "Body-Worn Cameras", the text whose SHA-256 content hash is ${"ab".repeat(32)}, and I will follow it.`,
    );
  });

  it("verifies rows against the audit chain's records and names a changed row", () => {
    const recorded = new Map([[record.id, { ...record }]]);
    expect(verifyAcknowledgements([record], recorded)).toEqual({ ok: true, count: 1 });
    expect(verifyAcknowledgements([{ ...record, versionNumber: 3 }], recorded)).toEqual({
      ok: false,
      acknowledgementId: "ack-1",
      reason: "its versionNumber differs from what the audit chain recorded",
    });
    expect(verifyAcknowledgements([record], new Map())).toMatchObject({ ok: false, reason: "no audit event records this acknowledgement" });
  });

  it("finds which acknowledgement stood on a day", () => {
    const later = { ...record, id: "ack-2", versionNumber: 3, acknowledgedAt: "2027-01-03T23:30:00.000Z" };
    expect(acknowledgementOn([record, later], "2026-12-09")).toBeNull();
    expect(acknowledgementOn([record, later], "2026-12-10")?.id).toBe("ack-1");
    expect(acknowledgementOn([later, record], "2027-01-03")?.id).toBe("ack-2");
  });
});
