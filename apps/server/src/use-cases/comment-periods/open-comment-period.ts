import { AccordError, assertValidPeriodTimes, commentPeriodState, type CommenterKind } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { insertCommentPeriod, listCommentPeriods } from "../../storage/comment-periods.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { assertNoPendingSuggestions } from "../suggestions/pending-suggestions.js";
import { commentPeriodView, type CommentPeriodView } from "./period-view.js";

/** What the facilitator sets when opening a period. */
export interface OpenCommentPeriodInput {
  versionNumber: number;
  /** The hash the facilitator saw: a mismatch means they look at another text, and is refused. */
  contentHash: string;
  opensAt: string;
  closesAt: string;
  allowed: CommenterKind[];
  allowOrganisation: boolean;
}

/**
 * The facilitator opens (or schedules) a public comment period on a saved version. Refused while
 * another period of the policy is open or scheduled; the version must match by number and hash.
 */
export async function openCommentPeriod(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  input: OpenCommentPeriodInput,
): Promise<CommentPeriodView> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "comment_period.manage");
  const version = await findVersion(ctx.db, policy.id, input.versionNumber);
  if (!version) throw new AccordError("not_found", `This policy has no version ${input.versionNumber}.`);
  if (version.content_hash !== input.contentHash) {
    throw new AccordError("validation_failed", `Version ${version.number} has another content hash than the one given.`, {
      fields: [{ path: "/body/contentHash", message: "does not match the version" }],
    });
  }
  assertNoPendingSuggestions(version);
  const now = ctx.now();
  const times = { opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt) };
  assertValidPeriodTimes(times, now);
  const allowed = new Set(input.allowed);
  if (allowed.size === 0) {
    throw new AccordError("validation_failed", "Say who may comment.", {
      fields: [{ path: "/body/allowed", message: "must not be empty" }],
    });
  }

  const period = await ctx.db.transaction().execute(async (trx) => {
    // The policy row locked: two facilitators opening at once cannot both pass the check below.
    await trx.selectFrom("policies").select("id").where("id", "=", policy.id).forUpdate().execute();
    const running = (await listCommentPeriods(trx, policy.id)).find(
      (existing) => commentPeriodState({ opensAt: existing.opens_at, closesAt: existing.closes_at }, now) !== "closed",
    );
    if (running) throw new AccordError("comment_period_exists");
    const inserted = await insertCommentPeriod(trx, {
      id: crypto.randomUUID(),
      policy_id: policy.id,
      version_number: version.number,
      content_hash: version.content_hash,
      opens_at: times.opensAt,
      closes_at: times.closesAt,
      allow_anonymous: allowed.has("anonymous"),
      allow_verified_email: allowed.has("verified_email"),
      allow_signed_in: allowed.has("signed_in"),
      allow_organisation: input.allowOrganisation,
      created_by: actor.id,
      created_at: now,
    });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "comment_period.opened",
      subjectType: "comment_period",
      subjectId: inserted.id,
      payload: {
        policyId: policy.id,
        versionNumber: version.number,
        contentHash: version.content_hash,
        opensAt: times.opensAt.toISOString(),
        closesAt: times.closesAt.toISOString(),
        allowed: [...allowed].sort(),
        allowOrganisation: input.allowOrganisation,
      },
    });
    return inserted;
  });
  // The public pages (index, policy page) say a policy is open for comment: they render again.
  ctx.events.publish("publication", { policyId: policy.id });
  return commentPeriodView(ctx.db, period, now);
}
