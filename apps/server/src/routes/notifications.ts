import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notificationEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentNotificationList, presentNotificationPreferences } from "../presenters/notifications.js";
import type { UseCaseContext } from "../use-cases/context.js";
import type { NotificationKind } from "../notifications/notification-kinds.js";
import { getNotificationPreferences } from "../use-cases/notifications/get-notification-preferences.js";
import { listNotifications } from "../use-cases/notifications/list-notifications.js";
import { markAllNotificationsRead } from "../use-cases/notifications/mark-all-notifications-read.js";
import { markNotificationRead } from "../use-cases/notifications/mark-notification-read.js";
import { setNotificationPreferences } from "../use-cases/notifications/set-notification-preferences.js";

/**
 * The signed-in person's own notifications, and their e-mail choice per kind. The routes need only the database and the clock, so they
 * can be mounted on a bare Fastify instance in tests.
 */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ context: Pick<UseCaseContext, "db" | "now"> }> = async (app, { context }) => {
  app.get("/api/notifications", { schema: notificationEndpoints.list }, async (request, reply) => {
    const list = await listNotifications(context, requireUser(request), request.query.limit);
    // Personal and changing: never kept by a shared cache, never shown stale after marking read.
    reply.header("cache-control", "no-store");
    return presentNotificationList(list);
  });

  app.get("/api/notifications/preferences", { schema: notificationEndpoints.preferences }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    return presentNotificationPreferences(await getNotificationPreferences(context, requireUser(request)));
  });

  app.put("/api/notifications/preferences", { schema: notificationEndpoints.setPreferences }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const choices = request.body.email as Partial<Record<NotificationKind, boolean>>;
    return presentNotificationPreferences(await setNotificationPreferences(context, requireUser(request), choices));
  });

  app.post("/api/notifications/read-all", { schema: notificationEndpoints.markAllRead }, async (request, reply) => {
    await markAllNotificationsRead(context, requireUser(request));
    return reply.code(204).send(null);
  });

  app.post("/api/notifications/:notificationId/read", { schema: notificationEndpoints.markRead }, async (request, reply) => {
    await markNotificationRead(context, requireUser(request), request.params.notificationId);
    return reply.code(204).send(null);
  });
};
