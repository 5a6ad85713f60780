import type { CurrentUser } from "../../auth/sessions.js";
import { listNotificationsForUser, type NotificationRow } from "../../storage/notifications.js";
import type { UseCaseContext } from "../context.js";

/** How many notifications a list shows when the caller does not say. */
export const defaultNotificationLimit = 50;

/** My newest notifications, newest first, and how many of mine are unread. Only ever the caller's own. */
export async function listNotifications(
  ctx: Pick<UseCaseContext, "db">,
  user: CurrentUser,
  limit = defaultNotificationLimit,
): Promise<{ notifications: NotificationRow[]; unread: number }> {
  return listNotificationsForUser(ctx.db, user.id, limit);
}
