import { AccordError, assertPeriodClosedForResponses, commentPeriodState } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { listPublicComments, updatePublicComment, upsertSectionResponse } from "../../storage/comment-periods.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { loadPeriodFor } from "./period-access.js";
import { versionSections } from "./version-sections.js";

/**
 * The working group writes (or rewrites) its response for one section once the period has closed: what
 * changed and why, and which published comments it answers (they may be of any section: a comment on 2
 * may be answered where the change was made, in 4).
 */
export async function writeSectionResponse(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  section: string,
  input: { response: string; answersCommentIds: string[] },
): Promise<void> {
  const { period } = await loadPeriodFor(ctx, actor, periodId, "comment_period.respond");
  const now = ctx.now();
  assertPeriodClosedForResponses(commentPeriodState({ opensAt: period.opens_at, closesAt: period.closes_at }, now));
  const version = await findVersion(ctx.db, period.policy_id, period.version_number);
  if (!version || !versionSections(version.canonical_json).some((candidate) => candidate.number === section)) {
    throw new AccordError("not_found", `The commented version has no section ${section}.`);
  }
  const published = new Map((await listPublicComments(ctx.db, period.id, ["published"])).map((comment) => [comment.id, comment]));
  const unknown = input.answersCommentIds.filter((id) => !published.has(id));
  if (unknown.length > 0) {
    throw new AccordError("validation_failed", "A response can answer only published comments of this period.", {
      fields: [{ path: "/body/answersCommentIds", message: `not published comments of this period: ${unknown.join(", ")}` }],
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await upsertSectionResponse(trx, {
      period_id: period.id,
      section,
      response: input.response.trim(),
      written_by: actor.id,
      written_at: now,
    });
    for (const id of new Set(input.answersCommentIds))
      await updatePublicComment(trx, id, { answered_in_section: section, no_response_reason: null });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "comment_period.response_written",
      subjectType: "comment_period",
      subjectId: period.id,
      payload: { section, answersCommentIds: [...new Set(input.answersCommentIds)].sort() },
    });
  });
}

/** The working group marks a published comment "no response needed", with the reason (published with the response). */
export async function markNoResponseNeeded(
  ctx: UseCaseContext,
  actor: CurrentUser,
  periodId: string,
  commentId: string,
  input: { reason: string },
): Promise<void> {
  const { period } = await loadPeriodFor(ctx, actor, periodId, "comment_period.respond");
  const now = ctx.now();
  assertPeriodClosedForResponses(commentPeriodState({ opensAt: period.opens_at, closesAt: period.closes_at }, now));
  const comment = (await listPublicComments(ctx.db, period.id, ["published"])).find((candidate) => candidate.id === commentId);
  if (!comment) throw new AccordError("not_found", "No such published comment was found in this period.");
  await ctx.db.transaction().execute(async (trx) => {
    await updatePublicComment(trx, comment.id, { no_response_reason: input.reason.trim(), answered_in_section: null });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "public_comment.no_response_needed",
      subjectType: "public_comment",
      subjectId: comment.id,
      payload: { periodId: period.id, reason: input.reason.trim() },
    });
  });
}
