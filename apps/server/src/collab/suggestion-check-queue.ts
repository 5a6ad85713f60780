import { setImmediate as nextTurn } from "node:timers/promises";

/** One suggestion check and what follows it (commit, or closing the socket); never rejects. */
export type SuggestionCheckJob = () => Promise<void>;

/**
 * Runs suggestion checks one at a time, one per turn of the event loop, taking accounts in turn.
 *
 * A check is synchronous work on a copy of the draft (a few milliseconds, tens on the largest
 * policies) and must run in the same synchronous step as the commit it allows, so that nothing can
 * land between what was checked and what is committed. So it stays on the main thread, but never
 * back to back: after each check the loop serves everything else that is waiting (HTTP requests,
 * other sockets' messages, database replies) before the next one starts. Taking accounts in turn
 * keeps one person's backlog from delaying another's suggestions.
 */
export class SuggestionCheckQueue {
  /** Waiting jobs per account, in arrival order; the map's order is the turn order. */
  private readonly waiting = new Map<string, SuggestionCheckJob[]>();
  private running = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues a check of the account's; it runs after the checks already queued for the account. */
  enqueue(accountId: string, job: SuggestionCheckJob): void {
    const jobs = this.waiting.get(accountId);
    if (jobs) jobs.push(job);
    else this.waiting.set(accountId, [job]);
    if (!this.running) {
      this.running = true;
      void this.run();
    }
  }

  /** How many checks are waiting (for tests and metrics). */
  get size(): number {
    let size = 0;
    for (const jobs of this.waiting.values()) size += jobs.length;
    return size;
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        // Yield first: the job that was queued, and whatever else is ready, wait one turn of the loop.
        await nextTurn();
        const next = this.waiting.entries().next();
        if (next.done) return;
        const [accountId, jobs] = next.value;
        const job = jobs.shift()!;
        // To the back of the line: the next account goes first.
        this.waiting.delete(accountId);
        if (jobs.length > 0) this.waiting.set(accountId, jobs);
        try {
          await job();
        } catch (error) {
          this.onError(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
