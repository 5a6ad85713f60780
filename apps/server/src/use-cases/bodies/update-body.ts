import { AccordError, authorizeOnSite, type JsonValue } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findBodyById, findBodyByName, listBodyViews, updateBody as updateBodyRow, type ApprovingBodyView } from "../../storage/bodies.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import type { UseCaseContext } from "../context.js";

/** The facilitator renames or re-describes an approving body. */
export async function updateBody(
  ctx: UseCaseContext,
  actor: CurrentUser,
  bodyId: string,
  input: { name?: string; description?: string },
): Promise<ApprovingBodyView> {
  authorizeOnSite(actor, "body.manage");
  const body = await findBodyById(ctx.db, bodyId);
  if (!body) throw new AccordError("not_found", "No approving body was found here.");
  const changes: { [key: string]: JsonValue } = {};
  if (input.name !== undefined && input.name.trim() !== body.name) {
    if (await findBodyByName(ctx.db, input.name.trim())) throw new AccordError("body_name_taken");
    changes.name = input.name.trim();
  }
  if (input.description !== undefined && input.description.trim() !== body.description) {
    changes.description = input.description.trim();
  }
  if (Object.keys(changes).length > 0) {
    const now = ctx.now();
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await updateBodyRow(trx, bodyId, {
          name: (changes.name as string | undefined) ?? body.name,
          description: (changes.description as string | undefined) ?? body.description,
        });
        await appendAuditEvent(trx, {
          occurredAt: now,
          actorId: actor.id,
          action: "body.updated",
          subjectType: "body",
          subjectId: bodyId,
          payload: changes,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccordError("body_name_taken");
      throw error;
    }
  }
  const [view] = await listBodyViews(ctx.db, [bodyId]);
  if (!view) throw new AccordError("not_found", "No approving body was found here.");
  return view;
}
