import type { ProposalActionInput, VoteTally } from "@accord/api-contract";

/**
 * Checks the workflow forms' fields before sending, so a person is told in words what is missing
 * rather than getting a bare validation error. The server checks everything again; these only catch
 * what the browser's own checks (required, type=date) let through.
 */

/** A field's reading: what to send, or why it cannot be sent. */
export type Reading<T> = { ok: true; input: T } | { ok: false; problem: string };

/**
 * A whole form's reading: what to send, or every problem found, each a sentence keyed by the request's
 * name for its field ("meetingDate", "voteTally/for"), so the form shows each beside its field.
 */
export type FormReading<T> = { ok: true; input: T } | { ok: false; problems: Record<string, string> };

/** The three counts of a vote, in the order the form asks for them. */
const tallyCounts = ["for", "against", "abstain"] as const;

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
 * since "4 for" alone would be published as if nobody voted against. A problem names the first count
 * at fault, so the form can show it there.
 */
export function readVoteTally(
  forText: string,
  againstText: string,
  abstainText: string,
): { ok: true; input: VoteTally | undefined } | { ok: false; problem: string; count: (typeof tallyCounts)[number] } {
  const counts = [readCount(forText), readCount(againstText), readCount(abstainText)];
  if (counts.every((count) => count === null)) return { ok: true, input: undefined };
  const bad = counts.indexOf("bad");
  if (bad >= 0) return { ok: false, problem: "Votes are counted in whole numbers, 0 or more.", count: tallyCounts[bad]! };
  const missing = counts.indexOf(null);
  if (missing >= 0) {
    return {
      ok: false,
      problem: "Give all three vote counts (for, against, abstaining), or leave all three empty.",
      count: tallyCounts[missing]!,
    };
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

/**
 * Reads the decision form into a record_decision action for one body, or every problem it has, each
 * keyed by the request's name for the field (a tally's problem goes beside the first count at fault).
 */
export function readDecisionInput(bodyId: string, fields: DecisionFields): FormReading<ProposalActionInput> {
  const problems: Record<string, string> = {};
  const decision = fields.decision;
  if (decision !== "approve" && decision !== "reject") problems.decision = "Choose approve or reject.";
  if (fields.reason.trim() === "") problems.reason = "Give the reason for the decision, as the meeting recorded it.";
  if (!isCalendarDate(fields.meetingDate)) problems.meetingDate = "Give the meeting's date (YYYY-MM-DD).";
  if (fields.meetingReference.trim() === "") {
    problems.meetingReference = "Give the meeting reference (minutes, agenda item or resolution number), so the public can check it.";
  }
  const tally = readVoteTally(fields.votesFor, fields.votesAgainst, fields.votesAbstain);
  if (!tally.ok) problems[`voteTally/${tally.count}`] = tally.problem;
  if (!tally.ok || (decision !== "approve" && decision !== "reject") || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      kind: "record_decision",
      bodyId,
      decision,
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
