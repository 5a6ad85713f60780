import fp from "fastify-plugin";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AccordError } from "@accord/domain";
import type { RequestAccess } from "../access/request-access.js";
import type { CurrentUser } from "../auth/sessions.js";
import { isApiRoute } from "./origin-guard.js";

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
  /** Who is asking: the session cookie's name and the session it names (the same answer as the WebSocket's). */
  access: RequestAccess;
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
  async (app, { access }) => {
    const cookieName = access.sessionCookie.name;
    const cookieBase = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: access.sessionCookie.secure };

    app.decorateRequest("currentUser", null);
    app.decorateReply("setSessionCookie", function (this: FastifyReply, token: string, expiresAt: Date) {
      return this.setCookie(cookieName, token, { ...cookieBase, expires: expiresAt });
    });
    app.decorateReply("clearSessionCookie", function (this: FastifyReply) {
      return this.clearCookie(cookieName, cookieBase);
    });

    app.addHook("onRequest", async (request, reply) => {
      if (!isApiRoute(request)) return;
      const token = access.sessionTokenOf(request);
      if (!token) return;
      const session = await access.sessionFor(token);
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
