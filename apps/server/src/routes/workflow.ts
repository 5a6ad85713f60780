import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import { actOnProposal, type ProposalAction } from "../use-cases/proposals/act-on-proposal.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { getAuditHead } from "../use-cases/audit/get-audit-head.js";
import { getProposal, listPolicyProposals, listWaitingForMe } from "../use-cases/proposals/get-proposals.js";
import { proposeVersion } from "../use-cases/proposals/propose-version.js";
import { MultiLineTextSchema, PolicyIdParams, responses } from "./schemas.js";

const Reason = MultiLineTextSchema({ minLength: 1, maxLength: 4000, pattern: "\\S" });
const IsoDate = Type.String({ format: "date" });
const ProposalIdParams = Type.Object({ proposalId: Type.String({ maxLength: 64 }) });
const ProposalSchema = Type.Object({}, { additionalProperties: true });

/** One of the actions on a proposal; `kind` says which. */
const ActionSchema = Type.Union([
  Type.Object({ kind: Type.Literal("sign_off") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("withdraw_sign_off") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("object"), reason: Reason }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("withdraw_objection"), objectionId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("overrule_objection"), objectionId: Type.String({ maxLength: 64 }), reason: Reason },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("set_section_position"),
      section: Type.String({ maxLength: 20 }),
      position: Type.Enum(["approve", "object", "reserve"]),
      reason: MultiLineTextSchema({ maxLength: 4000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("withdraw_section_position"), section: Type.String({ maxLength: 20 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("record_decision"),
      bodyId: Type.String({ format: "uuid" }),
      decision: Type.Enum(["approve", "reject"]),
      reason: Reason,
      meetingDate: IsoDate,
      meetingReference: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
      voteTally: Type.Optional(
        Type.Object(
          { for: Type.Integer({ minimum: 0 }), against: Type.Integer({ minimum: 0 }), abstain: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal("publish"), effectiveDate: IsoDate }, { additionalProperties: false }),
]);

/** The sign-off workflow: proposals, actions on them, "waiting for me", and the audit chain's head. */
export const workflowRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/proposals",
    {
      schema: {
        params: PolicyIdParams,
        response: responses({
          200: Type.Object({ proposals: Type.Array(ProposalSchema), publications: Type.Array(Type.Object({}, { additionalProperties: true })) }),
        }),
      },
    },
    async (request) => {
      const { proposals, publications } = await listPolicyProposals(context, requireUser(request), request.params.policyId);
      return {
        proposals,
        publications: publications.map((publication) => ({
          versionNumber: publication.version_number,
          contentHash: publication.content_hash,
          proposalId: publication.proposal_id,
          effectiveDate: publication.effective_date,
          publishedAt: new Date(publication.published_at).toISOString(),
          standing: publication.standing,
        })),
      };
    },
  );

  app.post(
    "/api/policies/:policyId/proposals",
    {
      schema: {
        params: PolicyIdParams,
        body: Type.Object(
          {
            versionNumber: Type.Integer({ minimum: 1 }),
            contentHash: Type.String({ pattern: "^[0-9a-f]{64}$" }),
            note: Type.Optional(MultiLineTextSchema({ maxLength: 4000 })),
            deadline: Type.Optional(Type.Union([IsoDate, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ proposal: ProposalSchema }) }),
      },
    },
    async (request, reply) => {
      const proposal = await proposeVersion(context, requireUser(request), request.params.policyId, request.body);
      return reply.code(201).send({ proposal });
    },
  );

  app.get(
    "/api/proposals/:proposalId",
    { schema: { params: ProposalIdParams, response: responses({ 200: Type.Object({ proposal: ProposalSchema }) }) } },
    async (request) => ({ proposal: await getProposal(context, requireUser(request), request.params.proposalId) }),
  );

  app.post(
    "/api/proposals/:proposalId/actions",
    {
      schema: {
        params: ProposalIdParams,
        body: ActionSchema,
        // effects: what the action did besides itself (a sign-off an objection replaced, a step to the next stage).
        response: responses({
          200: Type.Object({ proposal: ProposalSchema, effects: Type.Array(Type.Object({}, { additionalProperties: true })) }),
        }),
      },
    },
    async (request) => actOnProposal(context, requireUser(request), request.params.proposalId, request.body as ProposalAction),
  );

  app.get(
    "/api/waiting",
    {
      schema: {
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object({ policyId: Type.String(), policyTitle: Type.String(), proposal: ProposalSchema })),
          }),
        }),
      },
    },
    async (request) => ({ items: await listWaitingForMe(context, requireUser(request)) }),
  );

  app.get(
    "/api/audit/head",
    { schema: { response: responses({ 200: Type.Object({ head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]) }) }) } },
    async (request) => {
      requireUser(request);
      return { head: await getAuditHead(context) };
    },
  );
};
