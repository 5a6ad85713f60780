import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { markNotificationRead as markRead } from "../../storage/notifications.js";
import type { UseCaseContext } from "../context.js";

/**
 * Marks one of my notifications read (again is fine: it keeps the first time). Someone else's is
 * `not_found`, exactly like one that does not exist, so ids reveal nothing. Reading is not audited: it
 * changes nothing about a policy.
 */
export async function markNotificationRead(
  ctx: Pick<UseCaseContext, "db" | "now">,
  user: CurrentUser,
  notificationId: string,
): Promise<void> {
  const found = await markRead(ctx.db, user.id, notificationId, ctx.now());
  if (!found) throw new AccordError("not_found", "No notification was found here.");
}
