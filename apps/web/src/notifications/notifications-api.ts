import { request } from "../api.js";

/**
 * The client of my notification settings: GET and PUT /api/notifications/preferences. The server's
 * answer lists every kind with its name and description, so a kind added there shows here unchanged.
 */

/** One kind of notification and whether it also comes to me by e-mail (in the app it always comes). */
export interface NotificationPreference {
  kind: string;
  label: string;
  description: string;
  email: boolean;
}

export const notificationSettingsApi = {
  /** My e-mail choice for every kind of notification. */
  preferences: (signal?: AbortSignal) =>
    request<{ preferences: NotificationPreference[] }>("GET", "/notifications/preferences", undefined, signal).then((r) => r.preferences),
  /** Sets e-mail on or off for the named kinds; answers with every kind as it now stands. */
  setEmail: (email: Record<string, boolean>) =>
    request<{ preferences: NotificationPreference[] }>("PUT", "/notifications/preferences", { email }).then((r) => r.preferences),
};
