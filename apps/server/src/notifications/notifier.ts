import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import type { NotificationKind } from "./notification-kinds.js";

export type { NotificationKind } from "./notification-kinds.js";

/** One notification to several people. */
export interface NotificationInput {
  recipientIds: readonly string[];
  /** Who did what it announces, never told of their own action (null when no one did, or a system). */
  actorId: string | null;
  kind: NotificationKind;
  /** The policy it concerns; null for what concerns no policy (an account made for someone). */
  policyId: string | null;
  proposalId: string | null;
  /** A short line: "Your sign-off is requested on version 7". */
  title: string;
  body: string;
  /** A path in the app, such as /app/policies/<id>. */
  link: string;
}

/**
 * The notification port the use cases call inside their transaction: the in-app notifications commit
 * with the change they announce; e-mail goes out afterwards from the outbox, so a failed or slow mail
 * server never blocks or undoes a decision.
 */
export interface Notifier {
  notify(trx: Kysely<Database>, input: NotificationInput, now: Date): Promise<void>;
}
