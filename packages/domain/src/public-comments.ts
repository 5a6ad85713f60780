import { AccordError, type FieldProblem } from "./errors.js";
import { forbiddenCharacterIn, forbiddenCharacterMessage } from "./text-rule.js";

/** The longest public comment, in characters (Unicode code points, as people count them). */
export const publicCommentMaxCharacters = 5000;
/** The longest quotation of the section's own words. */
export const publicCommentMaxQuoteCharacters = 500;
/** The longest name and organisation a commenter may give. */
export const publicCommentMaxNameCharacters = 120;

/** A comment as the public submits it, before it is stored. */
export interface PublicCommentSubmission {
  readonly body: string;
  /** Exact words of the section the comment is about, or empty. */
  readonly quote: string;
  /** The name to publish, or empty (anonymous, or a signed-in account's name is used). */
  readonly name: string;
  /** "On behalf of an organisation", or empty. */
  readonly organisation: string;
}

function characters(text: string): number {
  return [...text].length;
}

function problem(path: string, message: string): FieldProblem {
  return { path, message };
}

/**
 * Every problem with a submitted comment, field by field (empty when it is acceptable): the body is 1 to
 * 5,000 characters and not blank; the quote, the name and the organisation are optional and bounded;
 * every field keeps the project's text rule (line breaks only in the body); a quote must be words of the
 * section it comments on (`sectionText`), compared with white space collapsed.
 */
export function publicCommentProblems(submission: PublicCommentSubmission, sectionText: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { body, quote, name, organisation } = submission;
  if (body.trim() === "") problems.push(problem("body", "Write your comment."));
  else if (characters(body) > publicCommentMaxCharacters) {
    problems.push(problem("body", `Your comment is ${characters(body)} characters long; the limit is ${publicCommentMaxCharacters}.`));
  }
  const fields: [keyof PublicCommentSubmission, string, number, "single-line" | "multi-line"][] = [
    ["body", body, publicCommentMaxCharacters, "multi-line"],
    ["quote", quote, publicCommentMaxQuoteCharacters, "single-line"],
    ["name", name, publicCommentMaxNameCharacters, "single-line"],
    ["organisation", organisation, publicCommentMaxNameCharacters * 2, "single-line"],
  ];
  for (const [field, value, limit, lines] of fields) {
    const forbidden = forbiddenCharacterIn(value, lines);
    if (forbidden) problems.push(problem(field, `The ${field} ${forbiddenCharacterMessage(forbidden, lines)}.`));
    else if (field !== "body" && characters(value) > limit)
      problems.push(problem(field, `The ${field} may be at most ${limit} characters.`));
  }
  const quoted = collapseWhiteSpace(quote);
  if (quoted !== "" && !problems.some((found) => found.path === "quote") && !collapseWhiteSpace(sectionText).includes(quoted)) {
    problems.push(problem("quote", "The quotation must be exact words of this section."));
  }
  return problems;
}

/** Throws validation_failed with every problem of the submission, or returns it trimmed. */
export function checkPublicComment(submission: PublicCommentSubmission, sectionText: string): PublicCommentSubmission {
  const problems = publicCommentProblems(submission, sectionText);
  if (problems.length > 0) {
    throw new AccordError("validation_failed", problems.map((found) => found.message).join(" "), {
      fields: problems.map((found) => ({ path: `/body/${found.path}`, message: found.message })),
    });
  }
  return {
    body: submission.body.trim(),
    quote: collapseWhiteSpace(submission.quote),
    name: submission.name.trim(),
    organisation: submission.organisation.trim(),
  };
}

function collapseWhiteSpace(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * The key under which near-duplicate comments group ("214 comments with this text"): the text in
 * compatibility form (NFKC), lower case, with punctuation, symbols and white space dropped, so that a
 * campaign's text pasted with another line break, quote mark or capital groups with the rest, while any
 * change of wording does not.
 */
export function nearDuplicateKey(body: string): string {
  return body
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, " ")
    .trim();
}

/** Published comments grouped by their near-duplicate key, each group in the order given (oldest first), largest groups first. */
export function groupNearDuplicates<T extends { readonly body: string }>(comments: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const comment of comments) {
    const key = nearDuplicateKey(comment.body);
    const group = groups.get(key);
    if (group) group.push(comment);
    else groups.set(key, [comment]);
  }
  // A stable sort keeps groups of equal size in the order their first comment came.
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/** Limits on how many comments one address and one e-mail address may send in a window. */
export interface PublicCommentLimits {
  readonly windowMs: number;
  readonly perAddress: number;
  readonly perEmail: number;
}

/** The default limits: 20 comments an hour from one network address, 10 from one e-mail address. */
export const defaultPublicCommentLimits: PublicCommentLimits = { windowMs: 3_600_000, perAddress: 20, perEmail: 10 };

/**
 * Refuses a comment (429) when its address or its e-mail has already sent the window's allowance; the
 * counts are of comments received within the window before this one.
 */
export function assertWithinCommentLimits(limits: PublicCommentLimits, recent: { byAddress: number; byEmail: number | null }): void {
  const minutes = Math.ceil(limits.windowMs / 60_000);
  if (recent.byAddress >= limits.perAddress || (recent.byEmail !== null && recent.byEmail >= limits.perEmail)) {
    throw new AccordError(
      "too_many_comments",
      `Too many comments were sent from here in the last ${minutes} minutes. Wait a while and try again.`,
      { retryAfterSeconds: Math.ceil(limits.windowMs / 1000) },
    );
  }
}
