import { sendDueReminders } from "../use-cases/acknowledgements/send-due-reminders.js";
import type { UseCaseContext } from "../use-cases/context.js";

/** Where the schedule writes what happened (Fastify's pino logger fits). */
export interface ReminderScheduleLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Runs the acknowledgement reminders' pass every `intervalMs` (default 10 minutes) by the app's clock.
 * Every process runs it: the reminders table's key lets one of them record each reminder, so each goes
 * out once. The first pass waits one interval, so that a starting process (or a test) is not raced.
 * The timer never keeps the process alive; a failed pass is logged and the next one tries again.
 */
export class ReminderSchedule {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  constructor(
    private readonly context: UseCaseContext,
    private readonly log: ReminderScheduleLog,
    private readonly intervalMs = 10 * 60 * 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = sendDueReminders(this.context)
        .then((result) => {
          if (result.sent.length > 0) this.log.info({ reminders: result.sent.length }, "acknowledgement reminders sent");
        })
        .catch((error: unknown) => this.log.error({ err: error }, "the acknowledgement reminders could not be sent; trying again later"))
        .finally(() => {
          this.pass = null;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }
}
