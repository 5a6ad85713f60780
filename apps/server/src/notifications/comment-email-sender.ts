import type { Kysely } from "kysely";
import { createTransport, type Transporter } from "nodemailer";
import type { Database } from "../storage/database.js";
import { claimCommentEmails, markCommentEmailFailed, markCommentEmailSent } from "../storage/public-comment-emails.js";
import { originPlaceholder } from "../use-cases/comment-periods/verification-email.js";
import type { MailerLog } from "./mailer.js";
import type { SmtpConfig } from "./smtp-config.js";

/** How the sender is set up: the same SMTP settings and public origin as the notifications' mailer. */
export interface CommentEmailSenderOptions {
  db: Kysely<Database>;
  smtp: SmtpConfig | null;
  publicOrigin: string | null;
  log: MailerLog;
  now: () => Date;
  pollIntervalMs?: number;
  wakeDelayMs?: number;
}

const maxAttempts = 5;
const batchSize = 20;
const leaseMs = 300_000;
const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends the public commenters' verification e-mails from their outbox (`public_comment_emails`), after
 * the comment's transaction committed, in the manner of the notifications' `Mailer`: claims with a lease
 * so several processes share the table, retries a failure a few times, never throws into its callers.
 * A table of its own because a commenter is no account (the notifications' outbox joins accounts).
 */
export class CommentEmailSender {
  private readonly delivery: { transport: Transporter; from: string; publicOrigin: string } | null;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private started = false;
  private stopping = false;
  /** A wake during a pass: its e-mail may have committed after the pass claimed, so another pass follows soon. */
  private wokenDuringPass = false;

  constructor(private readonly options: CommentEmailSenderOptions) {
    const { smtp, publicOrigin } = options;
    this.delivery =
      smtp && publicOrigin ? { transport: createTransport({ url: smtp.url, ...smtpTimeouts }), from: smtp.from, publicOrigin } : null;
  }

  /** Starts polling; does nothing when e-mail is off. */
  start(): void {
    if (!this.delivery || this.started) return;
    this.started = true;
    this.arm(0);
  }

  /** A verification e-mail was queued: send soon. */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.pass) this.wokenDuringPass = true;
    else this.arm(this.options.wakeDelayMs ?? 200);
  }

  /** Sends what is pending now (tests call it directly). */
  async deliverPending(): Promise<number> {
    if (!this.delivery || this.stopping) return 0;
    while (this.pass) await this.pass;
    let sent = 0;
    const run = (async () => {
      try {
        // Batches until one is short: a full batch suggests more are waiting.
        for (;;) {
          const batch = await claimCommentEmails(this.options.db, batchSize, leaseMs, maxAttempts);
          for (const email of batch) {
            try {
              await this.delivery!.transport.sendMail({
                from: this.delivery!.from,
                to: email.recipient,
                subject: email.subject,
                text: email.text.split(originPlaceholder).join(this.delivery!.publicOrigin.replace(/\/$/, "")),
              });
              await markCommentEmailSent(this.options.db, email.id, this.options.now());
              sent += 1;
            } catch (error) {
              // The address stays out of the log; the e-mail's id leads to it when needed.
              this.options.log.warn(
                { err: error, commentEmailId: email.id, attempts: email.attempts },
                "could not send a comment's verification e-mail",
              );
              await markCommentEmailFailed(this.options.db, email.id, email.attempts >= maxAttempts, 60_000 * 2 ** (email.attempts - 1));
            }
          }
          if (batch.length < batchSize || this.stopping) break;
        }
      } catch (error) {
        this.options.log.error({ err: error }, "the comment verification outbox could not be processed; trying again at the next poll");
      }
    })();
    this.pass = run;
    await run;
    this.pass = null;
    return sent;
  }

  /** Stops polling and waits for the e-mail being sent. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.pass) await this.pass;
    this.delivery?.transport.close();
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.deliverPending().then(() => {
        if (this.stopping) return;
        const woken = this.wokenDuringPass;
        this.wokenDuringPass = false;
        this.arm(woken ? (this.options.wakeDelayMs ?? 200) : (this.options.pollIntervalMs ?? 30_000));
      });
    }, delayMs);
    this.timer.unref();
  }
}
