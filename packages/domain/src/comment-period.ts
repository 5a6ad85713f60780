import { AccordError } from "./errors.js";

/**
 * A public comment period (issue 17): the public comments on one saved version of a policy between an
 * opening and a closing time, both judged by the server's (injected) clock, never the commenter's.
 * - `scheduled`: before it opens; `open`: from its opening instant up to, not including, its closing
 *   instant; `closed`: from the closing instant on. A comment a second after closing is refused.
 * - An extension moves the closing time later and is recorded with its reason; the period keeps every
 *   extension, so the public page can say the period was extended, when and why.
 */
export type CommentPeriodState = "scheduled" | "open" | "closed";

/** Who may comment: anyone without a name; a named person whose e-mail is verified (and never published); a signed-in account. */
export type CommenterKind = "anonymous" | "verified_email" | "signed_in";

/** Every kind of commenter, in the order forms and pages list them. */
export const commenterKinds: readonly CommenterKind[] = ["anonymous", "verified_email", "signed_in"];

/** How the public pages name each kind of commenter. */
export const commenterKindWords: Record<CommenterKind, string> = {
  anonymous: "anonymously, without giving a name",
  verified_email: "with your name and an e-mail address we verify (the address is never published)",
  signed_in: "signed in to an Accord account",
};

/** One extension of a period: from which closing time to which, why, when and by whom. */
export interface CommentPeriodExtension {
  readonly previousClosesAt: Date;
  readonly closesAt: Date;
  readonly reason: string;
  readonly extendedAt: Date;
  readonly extendedBy: string;
}

/** What the rules need of a period. */
export interface CommentPeriodTimes {
  readonly opensAt: Date;
  readonly closesAt: Date;
}

/** The period's state at `now`. */
export function commentPeriodState(period: CommentPeriodTimes, now: Date): CommentPeriodState {
  if (now.getTime() < period.opensAt.getTime()) return "scheduled";
  if (now.getTime() < period.closesAt.getTime()) return "open";
  return "closed";
}

/** Refuses opening and closing times that leave no time to comment, or a period that has already ended. */
export function assertValidPeriodTimes(period: CommentPeriodTimes, now: Date): void {
  if (Number.isNaN(period.opensAt.getTime()) || Number.isNaN(period.closesAt.getTime())) {
    throw new AccordError("validation_failed", "The opening and closing times must be instants (ISO 8601).");
  }
  if (period.closesAt.getTime() <= period.opensAt.getTime()) {
    throw new AccordError("validation_failed", "The period must close after it opens.", {
      fields: [{ path: "/body/closesAt", message: "must be after opensAt" }],
    });
  }
  if (period.closesAt.getTime() <= now.getTime()) {
    throw new AccordError("validation_failed", "The period would already be closed: choose a closing time in the future.", {
      fields: [{ path: "/body/closesAt", message: "must be in the future" }],
    });
  }
}

/** Refuses a comment unless the period is open at `now`: 409 before it opens and from its closing instant on. */
export function assertOpenForComments(period: CommentPeriodTimes, now: Date): void {
  const state = commentPeriodState(period, now);
  if (state === "scheduled") throw new AccordError("comment_period_not_open");
  if (state === "closed") throw new AccordError("comment_period_closed");
}

/**
 * The extension of a period to a later closing time, checked: only a period that has not closed may be
 * extended, only to a later time, and only with a reason (it is published).
 */
export function extendCommentPeriod(
  period: CommentPeriodTimes,
  extension: { closesAt: Date; reason: string; extendedAt: Date; extendedBy: string },
): CommentPeriodExtension {
  if (commentPeriodState(period, extension.extendedAt) === "closed") throw new AccordError("comment_period_closed");
  if (extension.reason.trim() === "") {
    throw new AccordError("reason_required", "Give the reason for the extension: it is published with the period.");
  }
  if (Number.isNaN(extension.closesAt.getTime()) || extension.closesAt.getTime() <= period.closesAt.getTime()) {
    throw new AccordError("validation_failed", "An extension must move the closing time later.", {
      fields: [{ path: "/body/closesAt", message: "must be after the current closing time" }],
    });
  }
  return {
    previousClosesAt: period.closesAt,
    closesAt: extension.closesAt,
    reason: extension.reason.trim(),
    extendedAt: extension.extendedAt,
    extendedBy: extension.extendedBy,
  };
}

/**
 * Which kind of commenter this submission is: signed in (a session), named with an e-mail, or anonymous;
 * refused unless the period allows that kind.
 */
export function commenterKindOf(submission: { signedIn: boolean; email: string | null }): CommenterKind {
  if (submission.signedIn) return "signed_in";
  return submission.email ? "verified_email" : "anonymous";
}

/** Refuses a kind of commenter the period does not allow, saying which kinds it does. */
export function assertCommenterAllowed(allowed: readonly CommenterKind[], kind: CommenterKind): void {
  if (allowed.includes(kind)) return;
  const ways = commenterKinds.filter((candidate) => allowed.includes(candidate)).map((candidate) => commenterKindWords[candidate]);
  throw new AccordError("commenter_not_allowed", `This comment period takes comments only ${ways.join("; or ")}.`);
}
