import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { decideSuggestions } from "../use-cases/suggestions/decide-suggestions.js";
import { getAuthorship } from "../use-cases/drafts/get-authorship.js";
import { listSuggestions } from "../use-cases/suggestions/list-suggestions.js";
import { NullableString, PersonSchema, PolicyIdParams, responses } from "./schemas.js";

const SuggestionKindSchema = Type.Enum(["insertion", "deletion"]);
const DecisionOutcomeSchema = Type.Enum(["accepted", "rejected"]);
// The same rule as the schema's validateSuggestionId: ids and author ids of suggestion marks.
const SuggestionIdSchema = Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" });

const SuggestionViewSchema = Type.Object({
  id: Type.String(),
  kind: SuggestionKindSchema,
  author: PersonSchema,
  affiliation: NullableString,
  time: Type.String(),
  text: Type.String(),
  section: NullableString,
});

const DecideBody = Type.Object(
  {
    decision: Type.Enum(["accept", "reject"]),
    suggestionIds: Type.Optional(Type.Array(SuggestionIdSchema, { minItems: 1, maxItems: 200 })),
    authorId: Type.Optional(SuggestionIdSchema),
  },
  { additionalProperties: false },
);

const AuthorshipSchema = Type.Object({
  affiliations: Type.Array(
    Type.Object({
      affiliation: NullableString,
      acceptedInsertedCharacters: Type.Integer(),
      acceptedDeletedCharacters: Type.Integer(),
      accepted: Type.Integer(),
      rejected: Type.Integer(),
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      suggestionId: Type.String(),
      kind: SuggestionKindSchema,
      text: Type.String(),
      author: PersonSchema,
      affiliation: NullableString,
      suggestedAt: Type.String(),
      decision: DecisionOutcomeSchema,
      decidedBy: PersonSchema,
      decidedAt: Type.String(),
    }),
  ),
});

/** Suggestions: the pending ones, deciding them, and the authorship their decisions add up to. */
export const suggestionRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/suggestions",
    { schema: { params: PolicyIdParams, response: responses({ 200: Type.Object({ suggestions: Type.Array(SuggestionViewSchema) }) }) } },
    async (request) => ({ suggestions: await listSuggestions(context, requireUser(request), request.params.policyId) }),
  );

  app.post(
    "/api/policies/:policyId/suggestions/decisions",
    {
      schema: {
        params: PolicyIdParams,
        body: DecideBody,
        response: responses({
          200: Type.Object({
            decided: Type.Array(
              Type.Object({
                suggestionId: Type.String(),
                kind: SuggestionKindSchema,
                text: Type.String(),
                author: PersonSchema,
                decision: DecisionOutcomeSchema,
              }),
            ),
          }),
        }),
      },
    },
    async (request) => ({ decided: await decideSuggestions(context, requireUser(request), request.params.policyId, request.body) }),
  );

  app.get(
    "/api/policies/:policyId/authorship",
    { schema: { params: PolicyIdParams, response: responses({ 200: AuthorshipSchema }) } },
    async (request) => getAuthorship(context, requireUser(request), request.params.policyId),
  );
};
