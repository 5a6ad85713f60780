import { AccordError } from "@accord/domain";
import type { VoteTally } from "./types.js";

// Route schemas refuse malformed requests before they reach the rules; these checks repeat the few
// that the rules depend on, so that a use case or a script calling the rules directly cannot record
// a decision without a reason or a publication without a date.

function invalid(path: string, message: string): AccordError {
  return new AccordError("validation_failed", message, { fields: [{ path, message }] });
}

/** Returns the reason trimmed; throws reason_required when nothing but whitespace was given. */
export function requireReason(reason: unknown, what: string, path = "/reason"): string {
  const trimmed = typeof reason === "string" ? reason.trim() : "";
  if (trimmed === "") {
    // The field's message is the same sentence as the error's, so a form can show it beside the field.
    const sentence = `Give a reason ${what}.`;
    throw new AccordError("reason_required", sentence, { fields: [{ path, message: sentence }] });
  }
  return trimmed;
}

/** Returns the text trimmed, or "" when none was given (for optional reasons). */
export function optionalText(text: unknown): string {
  return typeof text === "string" ? text.trim() : "";
}

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Throws validation_failed unless the value is a real calendar date written YYYY-MM-DD. */
export function assertCalendarDate(value: unknown, path: string, label: string): asserts value is string {
  const match = typeof value === "string" ? calendarDate.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // Date.UTC rolls 2025-02-30 over into March, so a round trip finds dates that do not exist.
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return;
  }
  throw invalid(path, `The ${label} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}.`);
}

const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Throws validation_failed unless the value is an ISO 8601 time with a zone ("2025-03-01T10:00:00Z"). */
export function assertTimestamp(value: unknown, path: string, label: string): asserts value is string {
  if (typeof value === "string" && timestamp.test(value) && !Number.isNaN(Date.parse(value))) return;
  throw invalid(path, `The ${label} must be an ISO 8601 time with a time zone, got ${JSON.stringify(value)}.`);
}

/** Throws validation_failed unless every count of the tally is a non-negative whole number. */
export function assertVoteTally(tally: VoteTally): void {
  for (const key of ["for", "against", "abstain"] as const) {
    const count = tally[key];
    if (!Number.isSafeInteger(count) || count < 0) {
      throw invalid(`/voteTally/${key}`, `The vote tally's "${key}" must be a whole number of at least 0, got ${JSON.stringify(count)}.`);
    }
  }
}

// The numbering of @accord/policy-schema: "2", "2.1", "2.1.a" (and "1.0.a" for a gap in the outline).
const sectionNumber = /^\d+(\.\d+)?(\.[a-z]+)?$/;

/** Throws validation_failed unless the value is a section number as the policy schema writes them. */
export function assertSectionNumber(value: unknown): asserts value is string {
  if (typeof value === "string" && sectionNumber.test(value)) return;
  throw invalid("/section", `A section is named by its number, such as "4", "4.2" or "4.2.a", got ${JSON.stringify(value)}.`);
}

/** Throws validation_failed unless the value is one of the allowed choices. */
export function assertOneOf<T extends string>(value: unknown, choices: readonly T[], path: string, label: string): asserts value is T {
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return;
  throw invalid(path, `The ${label} must be one of ${choices.map((choice) => `"${choice}"`).join(", ")}, got ${JSON.stringify(value)}.`);
}

/** Throws validation_failed unless the value is a non-empty string (after trimming). */
export function assertNonEmpty(value: unknown, path: string, label: string): asserts value is string {
  if (typeof value === "string" && value.trim() !== "") return;
  throw invalid(path, `The ${label} must not be empty.`);
}

const sha256Hex = /^[0-9a-f]{64}$/;

/** Throws validation_failed unless the value is a SHA-256 digest in lowercase hex. */
export function assertContentHash(value: unknown): asserts value is string {
  if (typeof value === "string" && sha256Hex.test(value)) return;
  throw invalid("/contentHash", `The content hash must be a SHA-256 digest in 64 lowercase hex digits, got ${JSON.stringify(value)}.`);
}
