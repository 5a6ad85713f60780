import { Type, type Static } from "typebox";
import { notificationKindNames } from "@accord/domain";
import { errorAnswers, signedIn, signedInChange } from "./errors.js";
import { Closed, Nullable, TimestampSchema, UuidSchema, type Endpoint } from "./schema-kit.js";

/** One of my notifications. */
export const NotificationSchema = Closed({
  id: Type.String(),
  kind: Type.String(),
  policyId: Nullable(Type.String()),
  proposalId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  link: Type.String({ description: "a path in the app, such as /app/policies/<id>" }),
  createdAt: TimestampSchema,
  read: Type.Boolean(),
  obsolete: Type.Boolean({ description: "what it asked for is no longer needed (its proposal was superseded); not counted as unread" }),
});
export type AccordNotification = Static<typeof NotificationSchema>;

/** My newest notifications, newest first, and how many of mine are unread. */
export const NotificationListSchema = Closed({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationListSchema>;

export const NotificationKindSchema = Type.Enum(notificationKindNames);

/** My e-mail choice for every kind of notification, in the settings' order. */
export const NotificationPreferencesSchema = Closed({
  preferences: Type.Array(
    Closed({
      kind: NotificationKindSchema,
      label: Type.String(),
      description: Type.String(),
      email: Type.Boolean({ description: "whether it also comes by e-mail; in the app it always comes" }),
    }),
  ),
});
export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>;

/** A change of e-mail choices: some kinds, each on or off; kinds not named keep their choice. */
export const PreferencesChangeSchema = Type.Object(
  {
    email: Type.Object(Object.fromEntries(notificationKindNames.map((kind) => [kind, Type.Optional(Type.Boolean())])), {
      additionalProperties: false,
      minProperties: 1,
    }),
  },
  { additionalProperties: false },
);

/** The signed-in person's own notifications, and their e-mail choice per kind. */
export const notificationEndpoints = {
  /** GET /api/notifications?limit= */
  list: {
    querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
    response: { 200: NotificationListSchema, ...errorAnswers(...signedIn) },
  },
  /** GET /api/notifications/preferences */
  preferences: { response: { 200: NotificationPreferencesSchema, ...errorAnswers(...signedIn) } },
  /** PUT /api/notifications/preferences */
  setPreferences: { body: PreferencesChangeSchema, response: { 200: NotificationPreferencesSchema, ...errorAnswers(...signedInChange) } },
  /** POST /api/notifications/read-all */
  markAllRead: { response: { 204: Type.Null(), ...errorAnswers(...signedInChange) } },
  /** POST /api/notifications/:notificationId/read: 404 when it is not mine. */
  markRead: {
    params: Type.Object({ notificationId: UuidSchema }),
    response: { 204: Type.Null(), ...errorAnswers(...signedInChange, 404) },
  },
} satisfies Record<string, Endpoint>;
