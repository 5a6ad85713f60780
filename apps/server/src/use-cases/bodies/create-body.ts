import { AccordError, authorizeOnSite } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findBodyByName, insertBody, listBodyViews, type ApprovingBodyView } from "../../storage/bodies.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import type { UseCaseContext } from "../context.js";

/** The facilitator defines an approving body (a board, a union, a council). */
export async function createBody(
  ctx: UseCaseContext,
  actor: CurrentUser,
  input: { name: string; description?: string },
): Promise<ApprovingBodyView> {
  authorizeOnSite(actor, "body.manage");
  const name = input.name.trim();
  if (await findBodyByName(ctx.db, name)) throw new AccordError("body_name_taken");
  const now = ctx.now();
  try {
    const body = await ctx.db.transaction().execute(async (trx) => {
      const created = await insertBody(trx, {
        id: crypto.randomUUID(),
        name,
        description: input.description?.trim() ?? "",
        created_at: now,
      });
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "body.created",
        subjectType: "body",
        subjectId: created.id,
        payload: { name },
      });
      return created;
    });
    const [view] = await listBodyViews(ctx.db, [body.id]);
    if (!view) throw new Error("A body just created could not be read back.");
    return view;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccordError("body_name_taken");
    throw error;
  }
}
