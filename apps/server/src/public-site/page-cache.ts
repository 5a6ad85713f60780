import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { calendarDay } from "@accord/domain";

/** A rendered public page, and its entity tag. */
interface CachedPage {
  body: string | Buffer;
  contentType: string;
  etag: string;
  /** Headers that belong to the page (such as a download's Content-Disposition), replayed on every hit. */
  headers: Record<string, string>;
  /** Until when (ms since the epoch) the page is true: the cache's expiry when it was rendered. */
  validUntil: number;
}

/** How long a client or a shared cache may keep a page without asking again, at most. */
const maxAgeSeconds = 300;

/**
 * Public pages are rendered once and kept: published text never changes, and a new publication, or an
 * opened or extended comment period, clears the cache (a `publication` event). What a page says changes
 * with the clock too, with no event to tell: where a version stands (in force, adopted, superseded)
 * changes with the day, and whether a comment period is open changes at its `opensAt` and `closesAt`. So
 * the cached pages are kept only until the next such instant of the injected clock (`expiry`, asked
 * once each time the cache is filled anew): the first request after it renders afresh. Each answer
 * carries an ETag and a Cache-Control whose max-age also ends by then, and a revalidation with the same
 * ETag gets 304 with no body. Bounded, so a crawler walking search queries cannot fill memory.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  /** When the cached pages stop being true (ms since the epoch), or undefined when it must be asked again. */
  private validUntil: number | undefined;
  /** Counts clears, so that a page whose rendering began before one is sent but never kept. */
  private generation = 0;
  /** The question to `expiry` in flight, if any. */
  private asking: Promise<void> | undefined;

  /**
   * `now` is the app's clock; `expiry(now)` says when pages rendered at `now` may next change without an
   * event (the next UTC midnight, or a comment period's opening or closing if sooner).
   */
  constructor(
    private readonly now: () => Date,
    private readonly expiry: (now: Date) => Promise<Date>,
    private readonly maxEntries = 500,
  ) {}

  /** Asks when pages rendered at `now` stop being true; a clear meanwhile may bring a nearer instant, so its answer is then dropped. */
  private async askExpiry(now: Date): Promise<void> {
    const generation = this.generation;
    try {
      const until = (await this.expiry(now)).getTime();
      if (generation === this.generation) this.validUntil = until;
    } finally {
      this.asking = undefined;
    }
  }

  clear(): void {
    this.pages.clear();
    this.validUntil = undefined;
    this.generation++;
  }

  /**
   * Sends the page for `key`, rendering it with `render` for today's date (YYYY-MM-DD) when not cached,
   * and says whether it did.
   * `render` returns null for "no such page", which is not cached (a later publication may create it)
   * and sends nothing. A boolean, not the reply: a Fastify reply is a thenable that resolves to
   * undefined once sent, so a caller awaiting it could not tell "sent" from "nothing to send".
   */
  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    render: (today: string) => Promise<string | Buffer | null>,
  ): Promise<boolean> {
    const now = this.now();
    if (this.validUntil !== undefined && now.getTime() >= this.validUntil) this.clear();
    // One question at a time: requests arriving while it is asked wait for the same answer.
    if (this.validUntil === undefined) await (this.asking ??= this.askExpiry(now));
    // Undefined only when a clear came while asking: then nothing rendered now is kept.
    const validUntil = this.validUntil;
    const today = calendarDay(now);
    let page = this.pages.get(key);
    if (!page || now.getTime() >= page.validUntil) {
      const generation = this.generation;
      const body = await render(today);
      if (body === null) return false;
      const headers: Record<string, string> = {};
      const disposition = reply.getHeader("content-disposition");
      if (typeof disposition === "string") headers["content-disposition"] = disposition;
      page = {
        body,
        contentType,
        headers,
        validUntil: validUntil ?? now.getTime(),
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
      };
      // A publication or an expiry during the rendering: this page may already be out of date, so it is
      // sent (it was true when rendering began) but not kept.
      if (generation === this.generation && validUntil !== undefined) {
        if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
        this.pages.set(key, page);
      }
    }
    // A client's copy must not outlive the server's: it too expires at the next instant the page may change.
    const maxAge = Math.max(0, Math.min(maxAgeSeconds, Math.floor((page.validUntil - now.getTime()) / 1000)));
    reply.headers(page.headers).header("etag", page.etag).header("cache-control", `public, max-age=${maxAge}, must-revalidate`);
    if (request.headers["if-none-match"] === page.etag) reply.code(304).send();
    else reply.type(page.contentType).send(page.body);
    return true;
  }
}
