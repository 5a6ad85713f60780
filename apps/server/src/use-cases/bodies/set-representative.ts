import { AccordError, authorizeOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountById } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import {
  deleteRepresentative,
  findBodyById,
  insertRepresentative,
  isRepresentative,
  listBodyViews,
  type ApprovingBodyView,
} from "../../storage/bodies.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import type { UseCaseContext } from "../context.js";

/** The facilitator names someone as a representative of a body (idempotent). */
export async function addRepresentative(
  ctx: UseCaseContext,
  actor: CurrentUser,
  bodyId: string,
  userId: string,
): Promise<ApprovingBodyView> {
  authorizeOnSite(actor, "body.manage");
  if (!(await findBodyById(ctx.db, bodyId))) throw new AccordError("not_found", "No approving body was found here.");
  if (!(await findAccountById(ctx.db, userId))) throw new AccordError("not_found", "No account was found for this representative.");
  if (!(await isRepresentative(ctx.db, bodyId, userId))) {
    const now = ctx.now();
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await insertRepresentative(trx, { body_id: bodyId, user_id: userId, added_at: now });
        await appendAuditEvent(trx, {
          occurredAt: now,
          actorId: actor.id,
          action: "body.representative_added",
          subjectType: "body",
          subjectId: bodyId,
          payload: { userId },
        });
      });
      ctx.events.publish("access", { kind: "account", userId });
    } catch (error) {
      // Added twice at once: the first one counts, and the result is the same.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return bodyView(ctx, bodyId);
}

/** The facilitator removes a representative from a body. */
export async function removeRepresentative(
  ctx: UseCaseContext,
  actor: CurrentUser,
  bodyId: string,
  userId: string,
): Promise<ApprovingBodyView> {
  authorizeOnSite(actor, "body.manage");
  if (!(await findBodyById(ctx.db, bodyId))) throw new AccordError("not_found", "No approving body was found here.");
  if (!(await isRepresentative(ctx.db, bodyId, userId))) {
    throw new AccordError("not_found", "This person does not represent this body.");
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteRepresentative(trx, bodyId, userId))) return;
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "body.representative_removed",
      subjectType: "body",
      subjectId: bodyId,
      payload: { userId },
    });
  });
  ctx.events.publish("access", { kind: "account", userId });
  return bodyView(ctx, bodyId);
}

async function bodyView(ctx: UseCaseContext, bodyId: string): Promise<ApprovingBodyView> {
  const [view] = await listBodyViews(ctx.db, [bodyId]);
  if (!view) throw new AccordError("not_found", "No approving body was found here.");
  return view;
}
