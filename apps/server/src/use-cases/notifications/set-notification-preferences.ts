import type { CurrentUser } from "../../auth/sessions.js";
import type { NotificationKind } from "../../notifications/notification-kinds.js";
import { saveEmailChoices } from "../../storage/notification-preferences.js";
import type { UseCaseContext } from "../context.js";
import { getNotificationPreferences, type NotificationPreferenceView } from "./get-notification-preferences.js";

/**
 * Sets whether each named kind of notification also comes to me by e-mail; kinds not named keep their
 * choice. Only the caller's own. It applies to notifications written from now on: one already queued
 * for e-mail goes out as it was queued. Answers with every kind, as they now stand.
 */
export async function setNotificationPreferences(
  ctx: Pick<UseCaseContext, "db" | "now">,
  user: CurrentUser,
  email: Partial<Record<NotificationKind, boolean>>,
): Promise<NotificationPreferenceView[]> {
  const choices = new Map(Object.entries(email).filter((entry): entry is [NotificationKind, boolean] => typeof entry[1] === "boolean"));
  await saveEmailChoices(ctx.db, user.id, choices, ctx.now());
  return getNotificationPreferences(ctx, user);
}
