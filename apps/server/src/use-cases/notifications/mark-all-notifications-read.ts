import type { CurrentUser } from "../../auth/sessions.js";
import { markAllNotificationsRead as markAllRead } from "../../storage/notifications.js";
import type { UseCaseContext } from "../context.js";

/** Marks all my unread notifications read; returns how many there were. */
export async function markAllNotificationsRead(ctx: Pick<UseCaseContext, "db" | "now">, user: CurrentUser): Promise<number> {
  return markAllRead(ctx.db, user.id, ctx.now());
}
