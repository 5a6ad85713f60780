import type { AnswerOf, notificationEndpoints, NotificationPreferences } from "@accord/api-contract";
import { request } from "../api.js";

/**
 * The client of my notification settings: GET and PUT /api/notifications/preferences. The server's
 * answer lists every kind with its name and description, so a kind added there shows here unchanged.
 */

/** One kind of notification and whether it also comes to me by e-mail (in the app it always comes). */
export type NotificationPreference = NotificationPreferences["preferences"][number];

export const notificationSettingsApi = {
  /** My e-mail choice for every kind of notification. */
  preferences: (signal?: AbortSignal) =>
    request<AnswerOf<typeof notificationEndpoints.preferences>>("GET", "/notifications/preferences", undefined, signal).then(
      (r) => r.preferences,
    ),
  /** Sets e-mail on or off for the named kinds; answers with every kind as it now stands. */
  setEmail: (email: Partial<Record<NotificationPreference["kind"], boolean>>) =>
    request<AnswerOf<typeof notificationEndpoints.setPreferences>>("PUT", "/notifications/preferences", { email }).then(
      (r) => r.preferences,
    ),
};
