import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { findEmailOptOuts } from "../storage/notification-preferences.js";
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
 * often they are named (a facilitator who is also an editor), and disabled accounts get nothing. No one
 * is told of their own action. E-mail follows each recipient's choice for the kind (in-app always).
 */
export class DatabaseNotifier implements Notifier {
  private readonly newId: () => string;

  constructor(private readonly options: DatabaseNotifierOptions) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async notify(trx: Kysely<Database>, input: NotificationInput, now: Date): Promise<void> {
    const named = input.recipientIds.filter((userId) => userId !== input.actorId);
    const recipients = await findActiveRecipientIds(trx, named);
    if (recipients.length === 0) return;
    const optedOut = this.options.emailEnabled ? await findEmailOptOuts(trx, recipients, input.kind) : new Set<string>();
    const emailStatusOf = (userId: string) => (this.options.emailEnabled && !optedOut.has(userId) ? "pending" : "skipped");
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
        email_status: emailStatusOf(userId),
      })),
    );
    if (recipients.some((userId) => emailStatusOf(userId) === "pending")) this.options.onQueued?.();
  }
}
