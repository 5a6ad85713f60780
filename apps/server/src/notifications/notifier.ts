import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";

/** The kinds of notification the workflow and the comments send. */
export type NotificationKind =
  | "signoff_requested"
  | "objection_raised"
  | "decision_requested"
  | "body_decided"
  | "changes_requested"
  | "approved"
  | "published"
  /** Someone mentioned the recipient in a comment. */
  | "mentioned";

/** One notification to several people. */
export interface NotificationInput {
  recipientIds: readonly string[];
  kind: NotificationKind;
  policyId: string;
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
