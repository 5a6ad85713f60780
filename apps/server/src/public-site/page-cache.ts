import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** A rendered public page, and its entity tag. */
interface CachedPage {
  body: string | Buffer;
  contentType: string;
  etag: string;
  /** Headers that belong to the page (such as a download's Content-Disposition), replayed on every hit. */
  headers: Record<string, string>;
}

/**
 * Public pages are rendered once and kept: published text never changes, and a new publication clears
 * the cache (a `publication` event). What a page says of a version (in force, adopted, superseded) changes
 * with the day, so every page is also kept for one calendar day of the injected clock only: the first
 * request of a new day renders afresh, and an adopted version shows as in force from its date on.
 * Each answer carries an ETag and Cache-Control, and a revalidation with the same ETag gets 304 with no
 * body. Bounded, so a crawler walking search queries cannot fill memory.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  /** The day (YYYY-MM-DD) the cached pages were rendered for. */
  private day: string | undefined;
  /** Counts clears, so that a page whose rendering began before one is sent but never kept. */
  private generation = 0;

  /** `today` gives the current calendar day (YYYY-MM-DD), from the app's clock. */
  constructor(
    private readonly today: () => string,
    private readonly maxEntries = 500,
  ) {}

  clear(): void {
    this.pages.clear();
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
    const today = this.today();
    if (today !== this.day) {
      this.clear();
      this.day = today;
    }
    let page = this.pages.get(key);
    if (!page) {
      const generation = this.generation;
      const body = await render(today);
      if (body === null) return false;
      const headers: Record<string, string> = {};
      const disposition = reply.getHeader("content-disposition");
      if (typeof disposition === "string") headers["content-disposition"] = disposition;
      page = { body, contentType, headers, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
      // A publication or a new day during the rendering: this page may already be out of date, so it is
      // sent (it was true when rendering began) but not kept.
      if (generation === this.generation) {
        if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
        this.pages.set(key, page);
      }
    }
    reply.headers(page.headers).header("etag", page.etag).header("cache-control", "public, max-age=300, must-revalidate");
    if (request.headers["if-none-match"] === page.etag) reply.code(304).send();
    else reply.type(page.contentType).send(page.body);
    return true;
  }
}
