import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { createTransport, type Transporter } from "nodemailer";
import type { Database } from "../storage/database.js";
import {
  claimPendingEmails,
  failExhaustedEmails,
  markEmailFailed,
  markEmailSent,
  markEmailSkipped,
  postponeEmail,
  releaseEmailClaims,
  renewEmailClaim,
  type ClaimedEmail,
} from "../storage/notifications.js";
import { renderNotificationEmail } from "./email-message.js";
import type { SmtpConfig } from "./smtp-config.js";

/** Where the mailer writes what happened (Fastify's pino logger fits). */
export interface MailerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** How the mailer is set up. Only `db`, `smtp`, `publicOrigin` and `log` are needed; the rest are tuning. */
export interface MailerOptions {
  db: Kysely<Database>;
  /** Null: e-mail is off, and the mailer does nothing. */
  smtp: SmtpConfig | null;
  /** The origin links in e-mails point to; required when `smtp` is set. */
  publicOrigin: string | null;
  log: MailerLog;
  /**
   * A link made as the e-mail goes out, in place of the notification's stored one, or null to keep that:
   * for links that must not be stored (a set-password link's token; only its hash is kept).
   */
  linkAtSending?: (email: ClaimedEmail) => Promise<string | null>;
  /** The clock for `emailed_at`. */
  now?: () => Date;
  /** How often to look for pending e-mail without being woken (default 30 s). */
  pollIntervalMs?: number;
  /** How long `wake()` waits before looking, so that the waking transaction has committed (default 200 ms). */
  wakeDelayMs?: number;
  /** E-mails claimed per transaction (default 20). */
  batchSize?: number;
  /** Attempts before an e-mail is marked failed (default 5). */
  maxAttempts?: number;
  /** The wait after the first failure; it doubles after each further one (default 1 min). */
  retryBaseMs?: number;
  /** The longest wait between attempts (default 1 h). */
  retryMaxMs?: number;
  /** This mailer's name on the e-mails it claims (default a random id: one per process). */
  claimerId?: string;
  /**
   * How long a claim holds (default 5 min, well past the SMTP timeouts of one send; renewed before each
   * send): after it, another process takes a crashed claimer's e-mail again.
   */
  claimLeaseMs?: number;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  failed: number;
  skipped: number;
}

type Outcome = keyof DeliveryReport;

// Bounded, so that a mail server that accepts a connection and then says nothing cannot hold up stop().
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * The outbox sender: e-mails the notifications the DatabaseNotifier queued ('pending'), after their
 * transaction committed, so a slow or failing mail server never delays or undoes a decision. It looks
 * every `pollIntervalMs` and shortly after `wake()`; a failed e-mail is retried with doubling waits, up
 * to `maxAttempts`, then marked 'failed' and logged. Nothing it does throws into its callers.
 *
 * Claims commit before sending: holding the claiming transaction open across SMTP would block the
 * embedded database's single connection for every other request. A claim is a lease instead (the
 * database's clock, `claimLeaseMs`), renewed right before each send, so several processes share one
 * outbox and each e-mail is sent by one of them: another process skips a leased e-mail, and takes it
 * again only after the lease ran out (its claimer crashed). A failed attempt's retry wait is written to
 * the row too, so no other process retries it sooner. A crash between the mail server's acceptance and
 * `markEmailSent` sends that e-mail again after the lease (at least once).
 */
export class Mailer {
  /** Whether e-mail is configured at all. */
  readonly enabled: boolean;
  /** The transport and what every e-mail needs; null when e-mail is off. */
  private readonly delivery: { transport: Transporter; from: string; publicOrigin: string } | null;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly wakeDelayMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly claimerId: string;
  private readonly claimLeaseMs: number;
  /** Failed e-mails waiting to be tried again: id → epoch ms of the next attempt. Lost on restart, harmlessly. */
  private readonly retryAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private timerDue = Infinity;
  private pass: Promise<DeliveryReport> | null = null;
  private started = false;
  private stopping = false;
  private wokenDuringPass = false;

  constructor(private readonly options: MailerOptions) {
    const { smtp, publicOrigin } = options;
    if (smtp && !publicOrigin) throw new Error("The mailer needs a public origin to link e-mails to Accord.");
    this.delivery =
      smtp && publicOrigin ? { transport: createTransport({ url: smtp.url, ...smtpTimeouts }), from: smtp.from, publicOrigin } : null;
    this.enabled = this.delivery !== null;
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.wakeDelayMs = options.wakeDelayMs ?? 200;
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 60_000;
    this.retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.claimerId = options.claimerId ?? randomUUID();
    this.claimLeaseMs = options.claimLeaseMs ?? 300_000;
  }

  /** Starts polling (the first pass at once). Does nothing when e-mail is off. */
  start(): void {
    if (!this.enabled || this.started || this.stopping) return;
    this.started = true;
    this.arm(0);
  }

  /** Asks for a pass soon: new e-mail was queued. Cheap to call often; calls close together make one pass. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.pass) this.wokenDuringPass = true;
    else this.arm(this.wakeDelayMs);
  }

  /**
   * Sends what is pending now, after any pass in progress, and reports what it did. The timer calls it;
   * tests call it directly. Works before `start()`; does nothing when e-mail is off or after `stop()`.
   */
  deliverPending(): Promise<DeliveryReport> {
    if (!this.enabled || this.stopping) return Promise.resolve(emptyReport());
    this.clearTimer();
    const previous = this.pass ?? Promise.resolve(emptyReport());
    const pass = previous.then(() => this.drain());
    this.pass = pass;
    void pass.then(() => {
      if (this.pass !== pass) return;
      this.pass = null;
      this.scheduleNext();
    });
    return pass;
  }

  /** Stops polling, waits for the e-mail being sent (the rest of its batch stays pending), closes SMTP. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    while (this.pass) await this.pass;
    this.delivery?.transport.close();
  }

  /** Claims and sends batches until none is full. Never throws: a database failure waits for the next poll. */
  private async drain(): Promise<DeliveryReport> {
    const report = emptyReport();
    const { db } = this.options;
    try {
      // Every pass: another process may have crashed during its last attempt (once its lease ran out).
      report.failed += await failExhaustedEmails(db, this.maxAttempts);
      while (!this.stopping) {
        const batch = await claimPendingEmails(db, {
          limit: this.batchSize,
          maxAttempts: this.maxAttempts,
          claimer: this.claimerId,
          leaseMs: this.claimLeaseMs,
          excludeIds: this.waitingIds(),
        });
        for (const [index, email] of batch.entries()) {
          if (this.stopping) {
            await releaseEmailClaims(
              db,
              batch.slice(index).map((claimed) => claimed.id),
            );
            return report;
          }
          report[await this.deliver(email)] += 1;
        }
        // A full batch suggests more; a short one means the outbox is empty (or everything left is waiting).
        if (batch.length < this.batchSize) break;
      }
    } catch (error) {
      this.options.log.error({ err: error }, "the e-mail outbox could not be processed; trying again at the next poll");
    }
    return report;
  }

  private async deliver(email: ClaimedEmail): Promise<Outcome> {
    const { db, log } = this.options;
    if (!this.delivery) return "skipped";
    // The lease ran out while earlier e-mails of the batch went out, and another process took this one.
    if (!(await renewEmailClaim(db, email.id, this.claimerId, this.claimLeaseMs))) return "skipped";
    if (email.recipientDisabled) {
      await markEmailSkipped(db, email.id);
      return "skipped";
    }
    const link = (await this.options.linkAtSending?.(email)) ?? email.link;
    const message = renderNotificationEmail({ ...email, link }, this.delivery.publicOrigin);
    try {
      await this.delivery.transport.sendMail({
        from: this.delivery.from,
        to: { name: email.recipientName, address: email.recipientEmail },
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } catch (error) {
      // The recipient's address stays out of the log; the notification id leads to it when needed.
      if (email.attempts >= this.maxAttempts) {
        this.retryAt.delete(email.id);
        await markEmailFailed(db, email.id);
        log.error({ err: error, notificationId: email.id, attempts: email.attempts }, "gave up e-mailing a notification");
        return "failed";
      }
      const waitMs = Math.min(this.retryBaseMs * 2 ** (email.attempts - 1), this.retryMaxMs);
      this.retryAt.set(email.id, Date.now() + waitMs);
      await postponeEmail(db, email.id, waitMs);
      log.warn(
        { err: error, notificationId: email.id, attempts: email.attempts, retryInMs: waitMs },
        "could not e-mail a notification; will retry",
      );
      return "retrying";
    }
    this.retryAt.delete(email.id);
    await markEmailSent(db, email.id, this.now());
    return "sent";
  }

  /** Ids still waiting out their retry delay (excluded from claims); forgets those whose wait is over. */
  private waitingIds(): string[] {
    const current = Date.now();
    for (const [id, due] of this.retryAt) if (due <= current) this.retryAt.delete(id);
    return [...this.retryAt.keys()];
  }

  private scheduleNext(): void {
    if (!this.started || this.stopping) return;
    if (this.wokenDuringPass) {
      this.wokenDuringPass = false;
      this.arm(this.wakeDelayMs);
      return;
    }
    const nextRetry = Math.min(...this.retryAt.values());
    this.arm(Math.max(0, Math.min(this.pollIntervalMs, nextRetry - Date.now())));
  }

  /** Runs a pass after `delayMs`, unless one is already due sooner. */
  private arm(delayMs: number): void {
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDue = Infinity;
      void this.deliverPending();
    }, delayMs);
    // The outbox never keeps the process alive; stop() clears the timer for a clean shutdown.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = Infinity;
  }
}

function emptyReport(): DeliveryReport {
  return { sent: 0, retrying: 0, failed: 0, skipped: 0 };
}
