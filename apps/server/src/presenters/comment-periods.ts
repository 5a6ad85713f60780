import type { CommentPeriodView, PeriodCommentsView, PublicCommentView } from "@accord/api-contract";
import { unansweredComments, type RejectionReason } from "@accord/domain";
import type { PublicCommentRecord } from "../storage/comment-periods.js";
import type { PeriodComments } from "../use-cases/comment-periods/list-period-comments.js";
import type { CommentPeriodView as PeriodWithState } from "../use-cases/comment-periods/period-view.js";

const iso = (value: Date | string) => new Date(value).toISOString();

/** A comment period with its state and extensions. */
export function presentCommentPeriod({ period, state, allowed, extensions }: PeriodWithState): CommentPeriodView {
  return {
    id: period.id,
    policyId: period.policy_id,
    versionNumber: period.version_number,
    contentHash: period.content_hash,
    opensAt: iso(period.opens_at),
    closesAt: iso(period.closes_at),
    state,
    allowed,
    allowOrganisation: period.allow_organisation,
    extensions: extensions.map((extension) => ({
      previousClosesAt: iso(extension.previous_closes_at),
      closesAt: iso(extension.closes_at),
      reason: extension.reason,
      extendedAt: iso(extension.extended_at),
      extendedBy: extension.extended_by,
    })),
    createdAt: iso(period.created_at),
  };
}

/** One public comment, with how many of the listed comments share its text. Never an e-mail or an address. */
export function presentPublicComment(comment: PublicCommentRecord, duplicates = 1): PublicCommentView {
  return {
    id: comment.id,
    section: comment.section,
    body: comment.body,
    quote: comment.quote,
    name: comment.display_name,
    organisation: comment.organisation,
    commenterKind: comment.commenter_kind,
    status: comment.status,
    receivedAt: iso(comment.received_at),
    rejectionReason: comment.rejection_reason as RejectionReason | null,
    answeredInSection: comment.answered_in_section,
    noResponseReason: comment.no_response_reason,
    duplicates,
  };
}

/** A period with its sections, comments (each with its duplicate count) and responses. */
export function presentPeriodComments({ view, sections, comments, responses, proposedVersionNumber }: PeriodComments): PeriodCommentsView {
  const counts = new Map<string, number>();
  for (const comment of comments) counts.set(comment.duplicate_key, (counts.get(comment.duplicate_key) ?? 0) + 1);
  const published = comments.filter((comment) => comment.status === "published");
  return {
    commentPeriod: presentCommentPeriod(view),
    sections: sections.map((section) => ({ number: section.number, anchor: section.anchor, heading: section.heading })),
    comments: comments.map((comment) => presentPublicComment(comment, counts.get(comment.duplicate_key) ?? 1)),
    responses: responses.map((response) => ({
      section: response.section,
      response: response.response,
      writtenBy: response.written_by,
      writtenAt: iso(response.written_at),
    })),
    proposedVersionNumber,
    unanswered: unansweredComments(
      published.map((comment) => ({
        id: comment.id,
        answeredInSection: comment.answered_in_section,
        noResponseReason: comment.no_response_reason,
      })),
      new Set(responses.map((response) => response.section)),
    ).length,
  };
}
