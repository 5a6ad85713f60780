import fp from "fastify-plugin";
import type { FastifyRequest } from "fastify";
import { AccordError } from "@accord/domain";
import type { RequestAccess } from "../access/request-access.js";

export interface OriginGuardOptions {
  /** Which origins are Accord's own (the same answer as the collaboration WebSocket's). */
  access: RequestAccess;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

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
  async (app, { access }) => {
    app.addHook("onRequest", async (request) => {
      if (safeMethods.has(request.method)) return;
      if (!access.isAllowedOrigin(request, request.headers.origin)) {
        throw new AccordError("cross_origin_refused");
      }
    });
  },
  { name: "accord-origin-guard" },
);
