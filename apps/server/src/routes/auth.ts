import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AccordError } from "@accord/domain";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { changePassword } from "../use-cases/accounts/change-password.js";
import { logIn } from "../use-cases/sessions/log-in.js";
import { logOut } from "../use-cases/sessions/log-out.js";
import { AccountSchema, NewPasswordSchema, responses } from "./schemas.js";

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
      schema: {
        body: Type.Object(
          // The password is not length-checked here: an old short password must still be accepted.
          { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ account: AccountSchema }) }),
      },
    },
    async (request, reply) => {
      const { session, account } = await logIn(context, { ...request.body, address: request.ip });
      reply.setSessionCookie(session.token, session.expiresAt);
      return { account };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      // Signing out when already signed out is not an error: the result is the same.
      if (request.currentUser) await logOut(context, request.currentUser);
      reply.clearSessionCookie();
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: {
        response: responses({
          200: Type.Object({
            account: Type.Object({
              id: Type.String(),
              email: Type.String(),
              displayName: Type.String(),
              isFacilitator: Type.Boolean(),
            }),
          }),
        }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { account: { id: user.id, email: user.email, displayName: user.displayName, isFacilitator: user.isFacilitator } };
    },
  );

  app.post(
    "/api/auth/password",
    {
      schema: {
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: NewPasswordSchema },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ endedSessions: Type.Integer() }) }),
      },
    },
    async (request) => changePassword(context, requireUser(request), request.body),
  );
};
