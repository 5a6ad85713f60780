/**
 * The kinds of notification are one table in `@accord/domain` (the API contract reads it too); the
 * server's modules keep importing them from here.
 */
export { notificationKinds, notificationKindNames, type NotificationKind } from "@accord/domain";
