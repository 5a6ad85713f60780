import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { authEndpoints } from "@accord/api-contract";
import { AccordError } from "@accord/domain";
import { requireUser } from "../plugins/session-auth.js";
import { presentAccount, presentSignedInAccount } from "../presenters/accounts.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { changePassword } from "../use-cases/accounts/change-password.js";
import { logIn } from "../use-cases/sessions/log-in.js";
import { logOut } from "../use-cases/sessions/log-out.js";

export interface AuthRoutesOptions {
  context: UseCaseContext;
  /** Sign-in requests per client address per minute, failed or not: a flood guard in front of argon2. */
  loginRequestsPerMinute: number;
}

/** Sign in, sign out, who am I, and change my password. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { context, loginRequestsPerMinute }) => {
  app.post(
    "/api/auth/login",
    {
      config: {
        rateLimit: {
          max: loginRequestsPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, limit) =>
            new AccordError("too_many_attempts", `Too many sign-in attempts. Try again in ${Math.ceil(limit.ttl / 1000)} seconds.`, {
              retryAfterSeconds: Math.ceil(limit.ttl / 1000),
            }),
        },
      },
      schema: authEndpoints.login,
    },
    async (request, reply) => {
      const { session, account } = await logIn(context, { ...request.body, address: request.ip });
      reply.setSessionCookie(session.token, session.expiresAt);
      return { account: presentAccount(account) };
    },
  );

  app.post("/api/auth/logout", { schema: authEndpoints.logout }, async (request, reply) => {
    // Signing out when already signed out is not an error: the result is the same.
    if (request.currentUser) await logOut(context, request.currentUser);
    reply.clearSessionCookie();
    return reply.code(204).send(null);
  });

  app.get("/api/auth/me", { schema: authEndpoints.me }, async (request) => ({ account: presentSignedInAccount(requireUser(request)) }));

  app.post("/api/auth/password", { schema: authEndpoints.changePassword }, async (request) => {
    const { endedSessions } = await changePassword(context, requireUser(request), request.body);
    return { endedSessions };
  });
};
