import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { notificationKindNames, type NotificationKind } from "../notifications/notification-kinds.js";
import { getNotificationPreferences } from "../use-cases/notifications/get-notification-preferences.js";
import { listNotifications } from "../use-cases/notifications/list-notifications.js";
import { markAllNotificationsRead } from "../use-cases/notifications/mark-all-notifications-read.js";
import { markNotificationRead } from "../use-cases/notifications/mark-notification-read.js";
import { setNotificationPreferences } from "../use-cases/notifications/set-notification-preferences.js";
import { responses, UuidSchema } from "./schemas.js";

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  policyId: Type.Union([Type.String(), Type.Null()]),
  proposalId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  body: Type.String(),
  link: Type.String({ description: "a path in the app, such as /app/policies/<id>" }),
  createdAt: Type.String(),
  read: Type.Boolean(),
  obsolete: Type.Boolean({ description: "what it asked for is no longer needed (its proposal was superseded); not counted as unread" }),
});

const NotificationKindSchema = Type.Enum(notificationKindNames);

const PreferencesSchema = Type.Object({
  preferences: Type.Array(
    Type.Object({
      kind: NotificationKindSchema,
      label: Type.String(),
      description: Type.String(),
      email: Type.Boolean({ description: "whether it also comes by e-mail; in the app it always comes" }),
    }),
  ),
});

/** A change of e-mail choices: some kinds, each on or off; kinds not named keep their choice. */
const PreferencesChangeSchema = Type.Object(
  {
    email: Type.Object(Object.fromEntries(notificationKindNames.map((kind) => [kind, Type.Optional(Type.Boolean())])), {
      additionalProperties: false,
      minProperties: 1,
    }),
  },
  { additionalProperties: false },
);

/**
 * The signed-in person's own notifications, and their e-mail choice per kind. The routes need only the database and the clock, so they
 * can be mounted on a bare Fastify instance in tests.
 */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ context: Pick<UseCaseContext, "db" | "now"> }> = async (
  app,
  { context },
) => {
  app.get(
    "/api/notifications",
    {
      schema: {
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() }) }),
      },
    },
    async (request, reply) => {
      const list = await listNotifications(context, requireUser(request), request.query.limit);
      // Personal and changing: never kept by a shared cache, never shown stale after marking read.
      reply.header("cache-control", "no-store");
      return list;
    },
  );

  app.get(
    "/api/notifications/preferences",
    { schema: { response: responses({ 200: PreferencesSchema }) } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { preferences: await getNotificationPreferences(context, requireUser(request)) };
    },
  );

  app.put(
    "/api/notifications/preferences",
    { schema: { body: PreferencesChangeSchema, response: responses({ 200: PreferencesSchema }) } },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return { preferences: await setNotificationPreferences(context, requireUser(request), request.body.email as Partial<Record<NotificationKind, boolean>>) };
    },
  );

  app.post(
    "/api/notifications/read-all",
    { schema: { response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await markAllNotificationsRead(context, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/notifications/:notificationId/read",
    { schema: { params: Type.Object({ notificationId: UuidSchema }), response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await markNotificationRead(context, requireUser(request), request.params.notificationId);
      return reply.code(204).send(null);
    },
  );
};
