import { commentPeriodState, type CommenterKind, type CommentPeriodState } from "@accord/domain";
import type { Kysely } from "kysely";
import type { Database } from "../../storage/database.js";
import { listExtensions, type CommentPeriodExtensionRow, type CommentPeriodRow } from "../../storage/comment-periods.js";

/** A period as use cases and presenters see it: its row, its state now, who may comment, and its extensions. */
export interface CommentPeriodView {
  period: CommentPeriodRow;
  state: CommentPeriodState;
  allowed: CommenterKind[];
  extensions: CommentPeriodExtensionRow[];
}

/** The kinds of commenter a period's row allows, in the rules' order. */
export function allowedCommenters(period: CommentPeriodRow): CommenterKind[] {
  const allowed: CommenterKind[] = [];
  if (period.allow_anonymous) allowed.push("anonymous");
  if (period.allow_verified_email) allowed.push("verified_email");
  if (period.allow_signed_in) allowed.push("signed_in");
  return allowed;
}

/** The period with its state at `now` and its extensions. */
export async function commentPeriodView(db: Kysely<Database>, period: CommentPeriodRow, now: Date): Promise<CommentPeriodView> {
  return {
    period,
    state: commentPeriodState({ opensAt: new Date(period.opens_at), closesAt: new Date(period.closes_at) }, now),
    allowed: allowedCommenters(period),
    extensions: await listExtensions(db, period.id),
  };
}
