import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { auditEndpoints, proposalEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentAuditHead } from "../presenters/audit.js";
import { presentActionEffect, presentProposal, presentPublication, presentWaitingItem } from "../presenters/proposals.js";
import { actOnProposal } from "../use-cases/proposals/act-on-proposal.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { getAuditHead } from "../use-cases/audit/get-audit-head.js";
import { getProposal, listPolicyProposals, listWaitingForMe } from "../use-cases/proposals/get-proposals.js";
import { proposeVersion } from "../use-cases/proposals/propose-version.js";

/** The sign-off workflow: proposals, actions on them, "waiting for me", and the audit chain's head. */
export const workflowRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/proposals", { schema: proposalEndpoints.listForPolicy }, async (request) => {
    const { proposals, publications } = await listPolicyProposals(context, requireUser(request), request.params.policyId);
    return { proposals: proposals.map(presentProposal), publications: publications.map(presentPublication) };
  });

  app.post("/api/policies/:policyId/proposals", { schema: proposalEndpoints.propose }, async (request, reply) => {
    const proposal = await proposeVersion(context, requireUser(request), request.params.policyId, request.body);
    return reply.code(201).send({ proposal: presentProposal(proposal) });
  });

  app.get("/api/proposals/:proposalId", { schema: proposalEndpoints.get }, async (request) => ({
    proposal: presentProposal(await getProposal(context, requireUser(request), request.params.proposalId)),
  }));

  app.post("/api/proposals/:proposalId/actions", { schema: proposalEndpoints.act }, async (request) => {
    const { proposal, effects } = await actOnProposal(context, requireUser(request), request.params.proposalId, request.body);
    return { proposal: presentProposal(proposal), effects: effects.map(presentActionEffect) };
  });

  app.get("/api/waiting", { schema: proposalEndpoints.waiting }, async (request) => ({
    items: (await listWaitingForMe(context, requireUser(request))).map(presentWaitingItem),
  }));

  app.get("/api/audit/head", { schema: auditEndpoints.head }, async (request) => {
    requireUser(request);
    return { head: presentAuditHead(await getAuditHead(context)) };
  });
};
