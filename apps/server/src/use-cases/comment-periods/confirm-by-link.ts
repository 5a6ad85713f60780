import { verifyComment, withdrawComment, type PublicCommentStatus } from "@accord/domain";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { lockCommentByToken, updatePublicComment } from "../../storage/comment-periods.js";
import type { UseCaseContext } from "../context.js";
import { hashToken } from "./submit-public-comment.js";

/**
 * A link of the verification e-mail, followed (by a POST from the page the link opens, so that a mail
 * scanner fetching the link changes nothing): `confirm` sends the comment to the moderators; `not-me`
 * withdraws it, whatever its state, since whoever owns the address did not write it. An unknown token
 * answers null.
 */
export async function followCommentLink(
  ctx: UseCaseContext,
  which: "confirm" | "not-me",
  token: string,
): Promise<{ status: PublicCommentStatus } | null> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const comment = await lockCommentByToken(trx, which === "confirm" ? "verify" : "withdraw", hashToken(token));
    if (!comment) return null;
    const status = which === "confirm" ? verifyComment(comment.status) : withdrawComment(comment.status);
    await updatePublicComment(trx, comment.id, which === "confirm" ? { status, verified_at: now } : { status, withdrawn_at: now });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: null,
      action: which === "confirm" ? "public_comment.verified" : "public_comment.withdrawn",
      subjectType: "public_comment",
      subjectId: comment.id,
      payload: { periodId: comment.period_id, from: comment.status, to: status },
    });
    return { status };
  });
}
