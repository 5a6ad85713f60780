import { assertReadyToPropose, commentPeriodState } from "@accord/domain";
import type { Kysely } from "kysely";
import type { Database } from "../../storage/database.js";
import { findLatestCommentPeriod, listPublicComments, listSectionResponses, type CommentPeriodRow } from "../../storage/comment-periods.js";

/**
 * The guard proposeVersion runs: with a comment period on the policy, proposing waits until it has closed
 * and every published comment is answered or marked "no response needed". Returns the period the
 * proposal answers (its approval record cites it), or null when the policy has none.
 */
export async function assertCommentsAnswered(db: Kysely<Database>, policyId: string, now: Date): Promise<CommentPeriodRow | null> {
  const period = await findLatestCommentPeriod(db, policyId);
  if (!period) return null;
  const state = commentPeriodState({ opensAt: period.opens_at, closesAt: period.closes_at }, now);
  const comments = await listPublicComments(db, period.id, ["published"]);
  const responses = await listSectionResponses(db, period.id);
  assertReadyToPropose(
    { state },
    comments.map((comment) => ({
      id: comment.id,
      answeredInSection: comment.answered_in_section,
      noResponseReason: comment.no_response_reason,
    })),
    new Set(responses.map((response) => response.section)),
  );
  return period;
}
