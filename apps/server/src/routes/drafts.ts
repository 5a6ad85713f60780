import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { getDraft } from "../use-cases/drafts/get-draft.js";
import { getDraftStateVector } from "../use-cases/drafts/get-draft-state-vector.js";
import { PolicyIdParams, responses } from "./schemas.js";

/** The live draft's text, read-only (live editing goes through /collab). */
export const draftRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/draft",
    {
      schema: {
        params: PolicyIdParams,
        response: responses({
          200: Type.Object({
            draft: Type.Object({
              content: Type.Object({}, { additionalProperties: true }),
              contentHash: Type.String({ description: "the hash a version of this text would have: equal to the latest version's when nothing is unsaved" }),
            }),
          }),
        }),
      },
    },
    async (request) => ({ draft: await getDraft(context, requireUser(request), request.params.policyId) }),
  );

  app.get(
    "/api/policies/:policyId/draft/state-vector",
    {
      schema: {
        params: PolicyIdParams,
        response: responses({
          200: Type.Object({
            stateVector: Type.String({ description: "base64 of Y.encodeStateVector" }),
            deleteSet: Type.String({ description: "base64 of a Yjs update holding only the delete set" }),
          }),
        }),
      },
    },
    async (request, reply) => {
      const committed = await getDraftStateVector(context, requireUser(request), request.params.policyId);
      reply.header("cache-control", "no-store");
      return {
        stateVector: Buffer.from(committed.stateVector).toString("base64"),
        deleteSet: Buffer.from(committed.deleteSet).toString("base64"),
      };
    },
  );
};
