import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { accountEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentAccount } from "../presenters/accounts.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createAccount } from "../use-cases/accounts/create-account.js";
import { listAccounts } from "../use-cases/accounts/list-accounts.js";
import { updateAccount } from "../use-cases/accounts/update-account.js";

/** The facilitator's people pages: list, create, rename, disable, reset a password. */
export const accountRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/accounts", { schema: accountEndpoints.list }, async (request) => ({
    accounts: (await listAccounts(context, requireUser(request))).map(presentAccount),
  }));

  app.post("/api/accounts", { schema: accountEndpoints.create }, async (request, reply) => {
    const account = await createAccount(context, requireUser(request), request.body);
    return reply.code(201).send({ account: presentAccount(account) });
  });

  app.patch("/api/accounts/:accountId", { schema: accountEndpoints.update }, async (request) => ({
    account: presentAccount(await updateAccount(context, requireUser(request), request.params.accountId, request.body)),
  }));
};
