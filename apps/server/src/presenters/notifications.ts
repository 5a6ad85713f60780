import type { AccordNotification, NotificationList, NotificationPreferences } from "@accord/api-contract";
import type { NotificationView } from "../storage/notifications.js";
import type { NotificationPreferenceView } from "../use-cases/notifications/get-notification-preferences.js";

/** One notification as its recipient sees it (the e-mail delivery state is the server's business). */
export function presentNotification(notification: NotificationView): AccordNotification {
  return {
    id: notification.id,
    kind: notification.kind,
    policyId: notification.policyId,
    proposalId: notification.proposalId,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    createdAt: notification.createdAt,
    read: notification.read,
    obsolete: notification.obsolete,
  };
}

/** My newest notifications and how many of mine are unread. */
export function presentNotificationList(list: { notifications: NotificationView[]; unread: number }): NotificationList {
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
