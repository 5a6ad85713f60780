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
 * the cache (PublicationEvents). Each answer carries an ETag and Cache-Control, and a revalidation with
 * the same ETag gets 304 with no body. Bounded, so a crawler walking search queries cannot fill memory.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(private readonly maxEntries = 500) {}

  clear(): void {
    this.pages.clear();
  }

  /**
   * Sends the page for `key`, rendering it with `render` when not cached, and says whether it did.
   * `render` returns null for "no such page", which is not cached (a later publication may create it)
   * and sends nothing. A boolean, not the reply: a Fastify reply is a thenable that resolves to
   * undefined once sent, so a caller awaiting it could not tell "sent" from "nothing to send".
   */
  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    render: () => Promise<string | Buffer | null>,
  ): Promise<boolean> {
    let page = this.pages.get(key);
    if (!page) {
      const body = await render();
      if (body === null) return false;
      const headers: Record<string, string> = {};
      const disposition = reply.getHeader("content-disposition");
      if (typeof disposition === "string") headers["content-disposition"] = disposition;
      page = { body, contentType, headers, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
      if (this.pages.size >= this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
      this.pages.set(key, page);
    }
    reply.headers(page.headers).header("etag", page.etag).header("cache-control", "public, max-age=300, must-revalidate");
    if (request.headers["if-none-match"] === page.etag) reply.code(304).send();
    else reply.type(page.contentType).send(page.body);
    return true;
  }
}
