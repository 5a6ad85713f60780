import type { AccordNotification, NotificationList, NotificationPreferences } from "@accord/api-contract";
import type { NotificationRow } from "../storage/notifications.js";
import type { NotificationPreferenceView } from "../use-cases/notifications/get-notification-preferences.js";

/** One notification as its recipient sees it (the e-mail delivery state is the server's business). */
export function presentNotification(row: NotificationRow): AccordNotification {
  return {
    id: row.id,
    kind: row.kind,
    policyId: row.policy_id,
    proposalId: row.proposal_id,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
    // What it asked for is no longer needed (a sign-off requested on a superseded proposal): not new.
    obsolete: row.obsolete_at !== null,
  };
}

/** My newest notifications and how many of mine are unread. */
export function presentNotificationList(list: { notifications: NotificationRow[]; unread: number }): NotificationList {
  return { notifications: list.notifications.map(presentNotification), unread: list.unread };
}

/** My e-mail choice for every kind of notification, in the settings' order. */
export function presentNotificationPreferences(preferences: NotificationPreferenceView[]): NotificationPreferences {
  return {
    preferences: preferences.map((preference) => ({
      kind: preference.kind,
      label: preference.label,
      description: preference.description,
      email: preference.email,
    })),
  };
}
