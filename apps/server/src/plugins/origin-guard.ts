import fp from "fastify-plugin";
import type { FastifyRequest } from "fastify";
import { AccordError } from "@accord/domain";

export interface OriginGuardOptions {
  /** The configured public origin, if any. */
  publicOrigin: string | null;
  /** Further allowed origins. */
  allowedOrigins: readonly string[];
  /**
   * Outside production, also accept the origin the request itself was addressed to (its Host), so that
   * http://localhost:3000 and http://127.0.0.1:3000 both work without configuration. A cross-site
   * attacker cannot make a browser send a foreign Origin together with our Host, so this stays safe.
   */
  acceptOwnHost: boolean;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a request claiming this Origin may change state. */
export function isAllowedOrigin(request: FastifyRequest, origin: string | undefined, options: OriginGuardOptions): boolean {
  if (!origin || origin === "null") return false;
  if (origin === options.publicOrigin || options.allowedOrigins.includes(origin)) return true;
  return options.acceptOwnHost && origin === `${request.protocol}://${request.host}`;
}

/**
 * True when the route Fastify matched belongs to the JSON API. Judged by the matched route, never by the
 * raw URL, which a client can spell in many ways that route alike (`/%61pi/…`).
 */
export function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith("/api/") ?? false;
}

/**
 * Cross-site request protection: every state-changing request must carry an Origin that is Accord's
 * own. SameSite=Lax cookies already stop most cross-site posts; this closes the rest (same-site
 * subdomains, old browsers, form posts with text/plain). It is decided by the method alone, whatever the
 * path: only the API has state-changing routes, and a path test is one more thing a spelling can dodge.
 * onRequest runs after routing and before the body is read or any handler runs.
 */
export const originGuardPlugin = fp<OriginGuardOptions>(
  async (app, options) => {
    app.addHook("onRequest", async (request) => {
      if (safeMethods.has(request.method)) return;
      if (!isAllowedOrigin(request, request.headers.origin, options)) {
        throw new AccordError("cross_origin_refused");
      }
    });
  },
  { name: "accord-origin-guard" },
);
