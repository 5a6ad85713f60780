import { AccordError } from "./errors.js";

/**
 * Where a public comment stands. Nothing is ever deleted: every state keeps the row and its text.
 * - `unverified`: named with an e-mail whose owner has not yet confirmed it (no moderator sees it yet).
 * - `pending`: waiting for a moderator; `published`, `held` (kept back, to be decided), `rejected` (with
 *   a published reason, counted publicly by reason).
 * - `withdrawn`: the owner of the e-mail address said "this was not me".
 */
export type PublicCommentStatus = "unverified" | "pending" | "published" | "held" | "rejected" | "withdrawn";

/** What a moderator does to a comment. */
export type ModerationAction = "publish" | "hold" | "reject";

/** Why a comment may be rejected, as the published moderation rules list them. */
export const rejectionReasons = [
  { code: "personal_data", label: "Personal data", rule: "It names or identifies a private person, or gives someone's contact details." },
  { code: "threat", label: "Threats or abuse", rule: "It threatens, harasses or abuses anyone, or incites violence." },
  { code: "off_topic", label: "Off-topic", rule: "It is not about this policy or this section of it." },
  { code: "spam", label: "Spam or advertising", rule: "It advertises, or is sent automatically in bulk with no view on the text." },
  { code: "unlawful", label: "Unlawful content", rule: "It is unlawful to publish (for example, it prejudices a pending case)." },
] as const;

/** A reason a comment may be rejected for. */
export type RejectionReason = (typeof rejectionReasons)[number]["code"];

/** The rejection reasons' codes, for schemas. */
export const rejectionReasonCodes: readonly RejectionReason[] = rejectionReasons.map((reason) => reason.code);

const moderatable: Record<ModerationAction, readonly PublicCommentStatus[]> = {
  // A held or published comment can still be reconsidered; a rejection is final (it is counted publicly).
  publish: ["pending", "held"],
  hold: ["pending", "published"],
  reject: ["pending", "held", "published"],
};

const actionResult: Record<ModerationAction, PublicCommentStatus> = { publish: "published", hold: "held", reject: "rejected" };

/**
 * The status a moderation action leads to, or a refusal: an unverified, withdrawn or rejected comment
 * cannot be moderated (409), and a rejection needs one of the published reasons.
 */
export function moderateComment(
  status: PublicCommentStatus,
  action: ModerationAction,
  reason: RejectionReason | null,
): PublicCommentStatus {
  if (!moderatable[action].includes(status)) {
    throw new AccordError("comment_not_moderatable", `A ${status} comment cannot be ${actionResult[action]}.`);
  }
  if (action === "reject" && (reason === null || !rejectionReasonCodes.includes(reason))) {
    throw new AccordError("reason_required", "Choose one of the published reasons for rejecting a comment.");
  }
  return actionResult[action];
}

/** The status after the e-mail's owner confirms: an unverified comment goes to the moderators. */
export function verifyComment(status: PublicCommentStatus): PublicCommentStatus {
  if (status !== "unverified") throw new AccordError("comment_not_moderatable", "This comment's e-mail address is already confirmed.");
  return "pending";
}

/** The status after "this was not me": withdrawn, from any state but withdrawn itself. */
export function withdrawComment(status: PublicCommentStatus): PublicCommentStatus {
  if (status === "withdrawn") throw new AccordError("comment_not_moderatable", "This comment was already withdrawn.");
  return "withdrawn";
}

/** How many rejected comments there are for each reason, every reason listed (zeros included), in the rules' order. */
export function rejectionCounts(reasons: readonly RejectionReason[]): { reason: RejectionReason; label: string; count: number }[] {
  return rejectionReasons.map(({ code, label }) => ({ reason: code, label, count: reasons.filter((reason) => reason === code).length }));
}
