import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { findActiveRecipientIds, insertNotifications } from "../storage/notifications.js";
import type { NotificationInput, Notifier } from "./notifier.js";

/** How the notifier is set up. */
export interface DatabaseNotifierOptions {
  /** True when SMTP is configured: rows are queued for e-mail ('pending'), otherwise marked 'skipped'. */
  emailEnabled: boolean;
  /**
   * Called after rows were queued for e-mail, typically `() => mailer.wake()`. It runs inside the
   * caller's transaction, before the rows are committed, so the mailer must not look at once: its
   * `wake()` waits a moment, and its periodic poll picks up anything that moment missed.
   */
  onQueued?: () => void;
  /** Ids for new rows; tests may fix them. */
  newId?: () => string;
}

/**
 * The notifier over the `notifications` table: one row per recipient, in the caller's transaction, so a
 * notification exists exactly when the change it announces does. Recipients are counted once however
 * often they are named (a facilitator who is also an editor), and disabled accounts get nothing.
 */
export class DatabaseNotifier implements Notifier {
  private readonly newId: () => string;

  constructor(private readonly options: DatabaseNotifierOptions) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async notify(trx: Kysely<Database>, input: NotificationInput, now: Date): Promise<void> {
    const recipients = await findActiveRecipientIds(trx, input.recipientIds);
    if (recipients.length === 0) return;
    const emailStatus = this.options.emailEnabled ? "pending" : "skipped";
    await insertNotifications(
      trx,
      recipients.map((userId) => ({
        id: this.newId(),
        user_id: userId,
        kind: input.kind,
        policy_id: input.policyId,
        proposal_id: input.proposalId,
        title: input.title,
        body: input.body,
        link: input.link,
        created_at: now,
        email_status: emailStatus,
      })),
    );
    if (this.options.emailEnabled) this.options.onQueued?.();
  }
}
