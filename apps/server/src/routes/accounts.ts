import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createAccount } from "../use-cases/accounts/create-account.js";
import { listAccounts } from "../use-cases/accounts/list-accounts.js";
import { updateAccount } from "../use-cases/accounts/update-account.js";
import { AccountSchema, DisplayNameSchema, EmailSchema, NewPasswordSchema, responses, UuidSchema } from "./schemas.js";

/** The facilitator's people pages: list, create, rename, disable, reset a password. */
export const accountRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/accounts",
    { schema: { response: responses({ 200: Type.Object({ accounts: Type.Array(AccountSchema) }) }) } },
    async (request) => ({ accounts: await listAccounts(context, requireUser(request)) }),
  );

  app.post(
    "/api/accounts",
    {
      schema: {
        body: Type.Object(
          {
            email: EmailSchema,
            displayName: DisplayNameSchema,
            password: NewPasswordSchema,
            isFacilitator: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ account: AccountSchema }) }),
      },
    },
    async (request, reply) => {
      const account = await createAccount(context, requireUser(request), request.body);
      return reply.code(201).send({ account });
    },
  );

  app.patch(
    "/api/accounts/:accountId",
    {
      schema: {
        params: Type.Object({ accountId: UuidSchema }),
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayNameSchema),
            isFacilitator: Type.Optional(Type.Boolean()),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(NewPasswordSchema),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: responses({ 200: Type.Object({ account: AccountSchema }) }),
      },
    },
    async (request) => ({
      account: await updateAccount(context, requireUser(request), request.params.accountId, request.body),
    }),
  );
};
