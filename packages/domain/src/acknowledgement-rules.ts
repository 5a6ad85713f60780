import { AccordError } from "./errors.js";

/** Who a campaign asks to acknowledge: everyone on the roster, the people of some units, or a list. */
export type CampaignAudience = { kind: "everyone" } | { kind: "units"; units: string[] } | { kind: "list"; userIds: string[] };

/** A person of the roster as an audience sees them. */
export interface AudienceMember {
  userId: string;
  unit: string;
}

/** True when the audience takes in this person (so a person who joins or moves later is assigned too). */
export function audienceIncludes(audience: CampaignAudience, person: AudienceMember): boolean {
  switch (audience.kind) {
    case "everyone":
      return true;
    case "units":
      return audience.units.includes(person.unit);
    case "list":
      return audience.userIds.includes(person.userId);
  }
}

/** The people of the roster the audience takes in, in the roster's order. */
export function resolveAudience(audience: CampaignAudience, roster: readonly AudienceMember[]): AudienceMember[] {
  return roster.filter((person) => audienceIncludes(audience, person));
}

/** One question of a campaign's quiz: the facilitator's prompt, its choices, and the right one. */
export interface QuizQuestion {
  prompt: string;
  choices: string[];
  /** The index of the right choice. */
  correctChoice: number;
}

/** A campaign's quiz: its questions and the share of right answers that passes (0 to 100, in percent). */
export interface Quiz {
  questions: QuizQuestion[];
  passMarkPercent: number;
}

/** A graded attempt: how many were right, the score in percent, and whether it passes. */
export interface QuizGrade {
  correct: number;
  total: number;
  scorePercent: number;
  passed: boolean;
}

/** Checks a quiz as the facilitator wrote it: throws validation_failed with what is wrong. */
export function assertValidQuiz(quiz: Quiz): void {
  if (quiz.questions.length === 0) throw new AccordError("validation_failed", "A quiz needs at least one question.");
  if (quiz.passMarkPercent < 1 || quiz.passMarkPercent > 100) {
    throw new AccordError("validation_failed", "The pass mark is a percentage from 1 to 100.");
  }
  quiz.questions.forEach((question, index) => {
    if (question.choices.length < 2) throw new AccordError("validation_failed", `Question ${index + 1} needs at least two choices.`);
    if (!Number.isInteger(question.correctChoice) || question.correctChoice < 0 || question.correctChoice >= question.choices.length) {
      throw new AccordError("validation_failed", `Question ${index + 1}'s right choice is not one of its choices.`);
    }
  });
}

/**
 * Grades one attempt: one answer (a choice's index) per question, in order. An attempt that does not
 * answer every question is refused rather than graded, so a stray click never counts as a failure.
 */
export function gradeQuiz(quiz: Quiz, answers: readonly number[]): QuizGrade {
  if (answers.length !== quiz.questions.length) {
    throw new AccordError("validation_failed", `Answer each of the ${quiz.questions.length} questions, one choice each.`);
  }
  const correct = quiz.questions.filter((question, index) => answers[index] === question.correctChoice).length;
  const total = quiz.questions.length;
  const scorePercent = Math.round((correct / total) * 100);
  return { correct, total, scorePercent, passed: correct * 100 >= quiz.passMarkPercent * total };
}

/** The reminders an assignment gets, each at most once. */
export const reminderKinds = ["due_in_7_days", "due_in_1_day", "overdue"] as const;
export type ReminderKind = (typeof reminderKinds)[number];

const dayMs = 24 * 60 * 60 * 1000;

/** The instant a due date (YYYY-MM-DD) begins, in UTC. */
export function dayStart(isoDate: string): Date {
  const start = new Date(`${isoDate}T00:00:00.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== isoDate) {
    throw new AccordError("validation_failed", `${isoDate} is not a calendar day.`);
  }
  return start;
}

/**
 * When each reminder of an assignment due on `dueDate` falls due: 7 days and 1 day before the due day
 * begins, and, once the due day has ended, the overdue notice (which also goes to the supervisor).
 */
export function reminderMoments(dueDate: string): Record<ReminderKind, Date> {
  const due = dayStart(dueDate).getTime();
  return { due_in_7_days: new Date(due - 7 * dayMs), due_in_1_day: new Date(due - dayMs), overdue: new Date(due + dayMs) };
}

/** An assignment as the reminder schedule sees it. */
export interface RemindableAssignment {
  status: AssignmentStatus;
  dueDate: string;
  assignedAt: Date;
  /** The reminders already sent (recorded) for it. */
  sent: readonly ReminderKind[];
}

/**
 * The reminders due now for one assignment, by the injected clock. Only an open assignment is reminded;
 * each reminder is sent once. Only the latest reminder whose moment has come is due (a server that was
 * down for a week sends "overdue", not three notices at once), and never one whose moment came before
 * the person was assigned (they were just told, with the due date).
 */
export function remindersDue(assignment: RemindableAssignment, now: Date): ReminderKind[] {
  if (assignment.status !== "open") return [];
  const moments = reminderMoments(assignment.dueDate);
  const reached = reminderKinds.filter((kind) => moments[kind].getTime() <= now.getTime());
  const latest = reached.at(-1);
  if (!latest || assignment.sent.includes(latest)) return [];
  if (latest !== "overdue" && moments[latest].getTime() < assignment.assignedAt.getTime()) return [];
  return [latest];
}

/** True when the assignment is past its due day and still open. */
export function isOverdue(assignment: { status: AssignmentStatus; dueDate: string }, now: Date): boolean {
  return assignment.status === "open" && reminderMoments(assignment.dueDate).overdue.getTime() <= now.getTime();
}

/**
 * Where an assignment stands: open (to acknowledge), acknowledged, replaced (a newer version was
 * published before it was acknowledged), or covered (a newer version was marked editorial, so the
 * person's acknowledgement of the earlier one stands).
 */
export type AssignmentStatus = "open" | "acknowledged" | "replaced" | "covered";

/** The fixed statement an officer confirms: it names the policy, the version and its content hash. */
export function acknowledgementStatement(input: { policyTitle: string; versionNumber: number; contentHash: string }): string {
  return (
    `I have read version ${input.versionNumber} of "${input.policyTitle}", the text whose SHA-256 content hash is ` +
    `${input.contentHash}, and I will follow it.`
  );
}

/** An open or finished assignment as a new publication sees it. */
export interface PublishedAssignment {
  id: string;
  userId: string;
  versionNumber: number;
  status: AssignmentStatus;
}

/** What publishing a new version does to a policy's assignments. */
export interface ReplacementPlan {
  /** Open assignments of earlier versions: each is marked replaced. */
  replace: string[];
  /** Who gets an assignment of the new version. */
  assign: string[];
  /** Who needs none, because the new version is editorial and they acknowledged the one it revises. */
  covered: string[];
}

/**
 * Plans what publishing `versionNumber` does to the assignments of a campaign's audience: every open
 * assignment of an earlier version is replaced by one of the new version. People who had acknowledged
 * the earlier version are assigned the new one too (they see the redline), unless the facilitator
 * marked the new version "editorial, no new acknowledgement": then their acknowledgement stands.
 */
export function planReplacement(
  assignments: readonly PublishedAssignment[],
  versionNumber: number,
  editorial: boolean,
  audience: readonly string[],
): ReplacementPlan {
  const earlier = assignments.filter((assignment) => assignment.versionNumber < versionNumber);
  const replace = earlier.filter((assignment) => assignment.status === "open").map((assignment) => assignment.id);
  const acknowledged = new Set(
    earlier
      .filter((assignment) => assignment.status === "acknowledged" || assignment.status === "covered")
      .map((assignment) => assignment.userId),
  );
  const alreadyAssigned = new Set(
    assignments.filter((assignment) => assignment.versionNumber >= versionNumber).map((assignment) => assignment.userId),
  );
  const assign: string[] = [];
  const covered: string[] = [];
  for (const userId of audience) {
    if (alreadyAssigned.has(userId)) continue;
    if (editorial && acknowledged.has(userId)) covered.push(userId);
    else assign.push(userId);
  }
  return { replace, assign, covered };
}

/** An acknowledgement as stored, and as its audit event recorded it. */
export interface AcknowledgementRecord {
  id: string;
  userId: string;
  policyId: string;
  versionNumber: number;
  contentHash: string;
  statement: string;
  acknowledgedAt: string;
}

/** The audit payload of an acknowledgement: exactly the record, so the two can be compared. */
export function acknowledgementAuditPayload(record: AcknowledgementRecord): Record<string, string | number> {
  return { ...record };
}

/** The result of comparing acknowledgement rows with the audit chain's records of them. */
export type AcknowledgementCheck = { ok: true; count: number } | { ok: false; acknowledgementId: string; reason: string };

/**
 * Compares each stored acknowledgement with its audit event's payload (the chain's hashes vouch for
 * the payload): a row changed after the fact, or one with no record in the chain, is reported.
 */
export function verifyAcknowledgements(
  rows: readonly AcknowledgementRecord[],
  recorded: ReadonlyMap<string, Record<string, unknown>>,
): AcknowledgementCheck {
  for (const row of rows) {
    const payload = recorded.get(row.id);
    if (!payload) return { ok: false, acknowledgementId: row.id, reason: "no audit event records this acknowledgement" };
    const expected = acknowledgementAuditPayload(row);
    for (const [field, value] of Object.entries(expected)) {
      if (payload[field] !== value) {
        return { ok: false, acknowledgementId: row.id, reason: `its ${field} differs from what the audit chain recorded` };
      }
    }
  }
  return { ok: true, count: rows.length };
}

/**
 * Which acknowledgement of a policy stood on day `isoDate` (UTC, the whole day included): the latest
 * one made by the day's end, or null when the person had acknowledged none yet.
 */
export function acknowledgementOn<Record extends { acknowledgedAt: string | Date }>(
  records: readonly Record[],
  isoDate: string,
): Record | null {
  const dayEnd = dayStart(isoDate).getTime() + dayMs;
  let standing: Record | null = null;
  for (const record of records) {
    const at = new Date(record.acknowledgedAt).getTime();
    if (at < dayEnd && (!standing || at >= new Date(standing.acknowledgedAt).getTime())) standing = record;
  }
  return standing;
}

/** The facilitator's reason for marking a version "editorial, no new acknowledgement": required, not blank. */
export function assertEditorialReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 10) {
    throw new AccordError("reason_required", "Say why this change needs no new acknowledgement (at least 10 characters).");
  }
  return trimmed;
}
