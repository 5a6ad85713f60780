import { AccordError } from "./errors.js";

/**
 * The working group's answer to a period's comments, after it closes (issue 17, item 5): a response per
 * section says what changed and why and which comments it answers; a comment no response needs to
 * answer is marked so, with a reason. Proposing a version for sign-off waits until every published
 * comment is one or the other.
 */

/** What the rule needs of a published comment. */
export interface CommentToAnswer {
  readonly id: string;
  /** The section whose response answers it, or null. */
  readonly answeredInSection: string | null;
  /** Why no response is needed, or null. */
  readonly noResponseReason: string | null;
}

/** True when the comment is answered by a written response, or marked "no response needed" with a reason. */
export function isCommentAnswered(comment: CommentToAnswer, sectionsWithResponse: ReadonlySet<string>): boolean {
  if (comment.noResponseReason !== null && comment.noResponseReason.trim() !== "") return true;
  return comment.answeredInSection !== null && sectionsWithResponse.has(comment.answeredInSection);
}

/** The published comments still waiting for an answer. */
export function unansweredComments<T extends CommentToAnswer>(comments: readonly T[], sectionsWithResponse: ReadonlySet<string>): T[] {
  return comments.filter((comment) => !isCommentAnswered(comment, sectionsWithResponse));
}

/**
 * Refuses to propose a version for sign-off while a comment period of the policy is still open or
 * scheduled, or while any of its published comments is unanswered (409, saying how many).
 */
export function assertReadyToPropose(
  period: { state: "scheduled" | "open" | "closed" } | null,
  comments: readonly CommentToAnswer[],
  sectionsWithResponse: ReadonlySet<string>,
): void {
  if (!period) return;
  if (period.state !== "closed") throw new AccordError("comment_period_open");
  const unanswered = unansweredComments(comments, sectionsWithResponse).length;
  if (unanswered > 0) {
    throw new AccordError(
      "comments_unanswered",
      `${unanswered} published public ${unanswered === 1 ? "comment is" : "comments are"} not yet answered: answer each in a section's response, or mark it "no response needed" with a reason, then propose again.`,
    );
  }
}

/** Refuses to write responses before the period has closed: the public may still be commenting. */
export function assertPeriodClosedForResponses(state: "scheduled" | "open" | "closed"): void {
  if (state !== "closed") throw new AccordError("comment_period_open", "The working group responds once the comment period has closed.");
}
