import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { draftEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentDraft, presentDraftProgress } from "../presenters/drafts.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { getDraft } from "../use-cases/drafts/get-draft.js";
import { getDraftStateVector } from "../use-cases/drafts/get-draft-state-vector.js";

/** The live draft's text, read-only (live editing goes through /collab). */
export const draftRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/draft", { schema: draftEndpoints.get }, async (request) =>
    presentDraft(await getDraft(context, requireUser(request), request.params.policyId)),
  );

  app.get("/api/policies/:policyId/draft/state-vector", { schema: draftEndpoints.stateVector }, async (request, reply) => {
    const committed = await getDraftStateVector(context, requireUser(request), request.params.policyId);
    reply.header("cache-control", "no-store");
    return presentDraftProgress(committed);
  });
};
