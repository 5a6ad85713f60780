import { canOnPolicy, type PublicCommentStatus } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import {
  findLatestProposalOfPeriod,
  listPublicComments,
  listSectionResponses,
  type CommentPeriodResponseRow,
  type PublicCommentRecord,
} from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";
import { loadPeriodFor } from "./period-access.js";
import { commentPeriodView, type CommentPeriodView } from "./period-view.js";
import { versionSections, type VersionSection } from "./version-sections.js";
import { findVersion } from "../../storage/versions.js";

/** A period with its comments (the moderation queue and the responses' material), for the working group. */
export interface PeriodComments {
  view: CommentPeriodView;
  sections: VersionSection[];
  comments: PublicCommentRecord[];
  responses: CommentPeriodResponseRow[];
  /** The version proposed for sign-off after the period (the newest such proposal), as the public page shows it; null before one. */
  proposedVersionNumber: number | null;
}

/**
 * The period's comments for the working group: everyone who may read the policy sees the published ones;
 * the moderator (and only the moderator) sees every status, the queue included. E-mails never leave.
 */
export async function listPeriodComments(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  statuses?: readonly PublicCommentStatus[],
): Promise<PeriodComments> {
  const { period, access } = await loadPeriodFor(ctx, actor, periodId, "policy.read");
  const moderator = canOnPolicy(access.actor, "comment_period.moderate");
  const visible: readonly PublicCommentStatus[] = moderator
    ? (statuses ?? ["unverified", "pending", "published", "held", "rejected", "withdrawn"])
    : ["published"];
  const version = await findVersion(ctx.db, period.policy_id, period.version_number);
  return {
    view: await commentPeriodView(ctx.db, period, ctx.now()),
    sections: version ? versionSections(version.canonical_json) : [],
    comments: await listPublicComments(ctx.db, period.id, statuses ? visible.filter((status) => statuses.includes(status)) : visible),
    responses: await listSectionResponses(ctx.db, period.id),
    proposedVersionNumber: (await findLatestProposalOfPeriod(ctx.db, period.id))?.version_number ?? null,
  };
}
