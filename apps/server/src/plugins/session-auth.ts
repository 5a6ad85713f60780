import fp from "fastify-plugin";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AccordError, type SessionLifetimeConfig } from "@accord/domain";
import type { Kysely } from "kysely";
import { validateSessionToken, type CurrentUser } from "../auth/sessions.js";
import { isApiRoute } from "./origin-guard.js";
import type { Database } from "../storage/database.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in person, resolved from the session cookie; null when signed out. */
    currentUser: CurrentUser | null;
  }
  interface FastifyReply {
    /** Sets the session cookie for a newly issued session. */
    setSessionCookie(token: string, expiresAt: Date): FastifyReply;
    /** Removes the session cookie. */
    clearSessionCookie(): FastifyReply;
  }
}

export interface SessionAuthOptions {
  db: Kysely<Database>;
  now: () => Date;
  lifetime: SessionLifetimeConfig;
  /** Production cookies are Secure and use the __Host- prefix (no Domain, Path=/, HTTPS only). */
  production: boolean;
}

/** The name of the session cookie in this mode. */
export function sessionCookieName(production: boolean): string {
  return production ? "__Host-accord_session" : "accord_session";
}

/** The signed-in user, or an unauthenticated error: the guard at the top of every private route. */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new AccordError("unauthenticated");
  return request.currentUser;
}

/**
 * Resolves the session cookie to a user on every API request. The cookie is HttpOnly and SameSite=Lax;
 * in production also Secure with the __Host- prefix. Its lifetime follows the session's own expiry.
 */
export const sessionAuthPlugin = fp<SessionAuthOptions>(
  async (app, options) => {
    const cookieName = sessionCookieName(options.production);
    const cookieBase = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: options.production };

    app.decorateRequest("currentUser", null);
    app.decorateReply("setSessionCookie", function (this: FastifyReply, token: string, expiresAt: Date) {
      return this.setCookie(cookieName, token, { ...cookieBase, expires: expiresAt });
    });
    app.decorateReply("clearSessionCookie", function (this: FastifyReply) {
      return this.clearCookie(cookieName, cookieBase);
    });

    app.addHook("onRequest", async (request, reply) => {
      if (!isApiRoute(request)) return;
      const token = request.cookies[cookieName];
      if (!token) return;
      const session = await validateSessionToken(options.db, token, options.now(), options.lifetime);
      if (!session) {
        reply.clearSessionCookie();
        return;
      }
      request.currentUser = session.user;
      // Sliding expiry: the cookie's expiry moves with the session's.
      reply.setSessionCookie(token, session.expiresAt);
    });
  },
  { name: "accord-session-auth", dependencies: ["@fastify/cookie"] },
);
