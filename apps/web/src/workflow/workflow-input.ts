import type { ProposalActionInput, VoteTally } from "@accord/api-contract";

/**
 * Checks the workflow forms' fields before sending, so a person is told in words what is missing
 * rather than getting a bare validation error. The server checks everything again; these only catch
 * what the browser's own checks (required, type=date) let through.
 */

/** A form's reading: what to send, or why it cannot be sent. */
export type Reading<T> = { ok: true; input: T } | { ok: false; problem: string };

/** True for a real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A count of votes from a field: "" is none, otherwise a whole number of at least 0. */
function readCount(text: string): number | null | "bad" {
  if (text.trim() === "") return null;
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : "bad";
}

/**
 * The vote tally: all three counts empty means no tally was recorded; otherwise all three are needed,
 * since "4 for" alone would be published as if nobody voted against.
 */
export function readVoteTally(forText: string, againstText: string, abstainText: string): Reading<VoteTally | undefined> {
  const counts = [readCount(forText), readCount(againstText), readCount(abstainText)];
  if (counts.every((count) => count === null)) return { ok: true, input: undefined };
  if (counts.some((count) => count === "bad")) return { ok: false, problem: "Votes are counted in whole numbers, 0 or more." };
  if (counts.some((count) => count === null)) {
    return { ok: false, problem: "Give all three vote counts (for, against, abstaining), or leave all three empty." };
  }
  const [forCount, against, abstain] = counts as number[];
  return { ok: true, input: { for: forCount!, against: against!, abstain: abstain! } };
}

/** The fields of the decision form, as typed. */
export interface DecisionFields {
  decision: string;
  reason: string;
  meetingDate: string;
  meetingReference: string;
  votesFor: string;
  votesAgainst: string;
  votesAbstain: string;
}

/** Reads the decision form into a record_decision action for one body. */
export function readDecisionInput(bodyId: string, fields: DecisionFields): Reading<ProposalActionInput> {
  if (fields.decision !== "approve" && fields.decision !== "reject") return { ok: false, problem: "Choose approve or reject." };
  if (fields.reason.trim() === "") return { ok: false, problem: "Give the reason for the decision, as the meeting recorded it." };
  if (!isCalendarDate(fields.meetingDate)) return { ok: false, problem: "Give the meeting's date (YYYY-MM-DD)." };
  if (fields.meetingReference.trim() === "") {
    return { ok: false, problem: "Give the meeting reference (minutes, agenda item or resolution number), so the public can check it." };
  }
  const tally = readVoteTally(fields.votesFor, fields.votesAgainst, fields.votesAbstain);
  if (!tally.ok) return tally;
  return {
    ok: true,
    input: {
      kind: "record_decision",
      bodyId,
      decision: fields.decision,
      reason: fields.reason.trim(),
      meetingDate: fields.meetingDate,
      meetingReference: fields.meetingReference.trim(),
      ...(tally.input ? { voteTally: tally.input } : {}),
    },
  };
}

/** Reads a date field that must hold a date, naming it in the problem ("effective date"). */
export function readRequiredDate(value: string, what: string): Reading<string> {
  return isCalendarDate(value) ? { ok: true, input: value } : { ok: false, problem: `Give the ${what} (YYYY-MM-DD).` };
}

/** Reads an optional date field: empty is null (no deadline). */
export function readOptionalDate(value: string, what: string): Reading<string | null> {
  if (value.trim() === "") return { ok: true, input: null };
  return readRequiredDate(value.trim(), what);
}
