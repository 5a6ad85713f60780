import type { CurrentUser } from "../../auth/sessions.js";
import { notificationKinds, type NotificationKind } from "../../notifications/notification-kinds.js";
import { findEmailChoices } from "../../storage/notification-preferences.js";
import type { UseCaseContext } from "../context.js";

/** One kind of notification as the settings show it: what it is, and whether it also comes by e-mail. */
export interface NotificationPreferenceView {
  kind: NotificationKind;
  label: string;
  description: string;
  /** In-app notifications always come; this says whether an e-mail comes too (when the server sends e-mail). */
  email: boolean;
}

/** My e-mail choice for every kind of notification, in the settings' order; a kind never chosen is on. */
export async function getNotificationPreferences(
  ctx: Pick<UseCaseContext, "db">,
  user: CurrentUser,
): Promise<NotificationPreferenceView[]> {
  const choices = await findEmailChoices(ctx.db, user.id);
  return notificationKinds.map((entry) => ({ ...entry, email: choices.get(entry.kind) ?? true }));
}
