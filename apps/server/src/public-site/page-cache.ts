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

  /**
   * `now` is the app's clock; `expiry(now)` says when pages rendered at `now` may next change without an
   * event (the next UTC midnight, or a comment period's opening or closing if sooner).
   */
  constructor(
    private readonly now: () => Date,
    private readonly expiry: (now: Date) => Promise<Date>,
    private readonly maxEntries = 500,
  ) {}

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
    if (this.validUntil === undefined) {
      const generation = this.generation;
      const until = (await this.expiry(now)).getTime();
      // A clear while asking (a period opened meanwhile) may have brought a nearer instant: ask again next time.
      if (generation === this.generation) this.validUntil = until;
    }
    const validUntil = this.validUntil ?? now.getTime();
    const today = calendarDay(now);
    let page = this.pages.get(key);
    if (!page) {
      const generation = this.generation;
      const body = await render(today);
      if (body === null) return false;
      const headers: Record<string, string> = {};
      const disposition = reply.getHeader("content-disposition");
      if (typeof disposition === "string") headers["content-disposition"] = disposition;
      page = { body, contentType, headers, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
      // A publication or an expiry during the rendering: this page may already be out of date, so it is
      // sent (it was true when rendering began) but not kept.
      if (generation === this.generation) {
        if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
        this.pages.set(key, page);
      }
    }
    // A client's copy must not outlive the server's: it too expires at the next instant the page may change.
    const maxAge = Math.max(0, Math.min(maxAgeSeconds, Math.floor((validUntil - now.getTime()) / 1000)));
    reply.headers(page.headers).header("etag", page.etag).header("cache-control", `public, max-age=${maxAge}, must-revalidate`);
    if (request.headers["if-none-match"] === page.etag) reply.code(304).send();
    else reply.type(page.contentType).send(page.body);
    return true;
  }
}
