import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { suggestionEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentAuthorship, presentDecidedSuggestion, presentSuggestion } from "../presenters/suggestions.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { decideSuggestions } from "../use-cases/suggestions/decide-suggestions.js";
import { getAuthorship } from "../use-cases/drafts/get-authorship.js";
import { listSuggestions } from "../use-cases/suggestions/list-suggestions.js";

/** Suggestions: the pending ones, deciding them, and the authorship their decisions add up to. */
export const suggestionRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/suggestions", { schema: suggestionEndpoints.list }, async (request) => ({
    suggestions: (await listSuggestions(context, requireUser(request), request.params.policyId)).map(presentSuggestion),
  }));

  app.post("/api/policies/:policyId/suggestions/decisions", { schema: suggestionEndpoints.decide }, async (request) => ({
    decided: (await decideSuggestions(context, requireUser(request), request.params.policyId, request.body)).map(presentDecidedSuggestion),
  }));

  app.get("/api/policies/:policyId/authorship", { schema: suggestionEndpoints.authorship }, async (request) =>
    presentAuthorship(await getAuthorship(context, requireUser(request), request.params.policyId)),
  );
};
