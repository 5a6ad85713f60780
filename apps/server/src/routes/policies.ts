import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createPolicy } from "../use-cases/policies/create-policy.js";
import { getPolicy } from "../use-cases/policies/get-policy.js";
import { listPolicies } from "../use-cases/policies/list-policies.js";
import { setRequiredBodies } from "../use-cases/proposals/set-required-bodies.js";
import { updatePolicy } from "../use-cases/policies/update-policy.js";
import {
  BodySchema,
  PolicyDetailSchema,
  PolicyIdParams,
  PolicySchema,
  responses,
  SignOffRuleSchema,
  SlugSchema,
  SummarySchema,
  TitleSchema,
  UuidSchema,
} from "./schemas.js";

/** Policies: my list, one policy, and the facilitator's create, edit and required bodies. */
export const policyRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies",
    { schema: { response: responses({ 200: Type.Object({ policies: Type.Array(PolicySchema) }) }) } },
    async (request) => ({ policies: await listPolicies(context, requireUser(request)) }),
  );

  app.post(
    "/api/policies",
    {
      schema: {
        body: Type.Object(
          { title: TitleSchema, slug: Type.Optional(SlugSchema), summary: Type.Optional(SummarySchema) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ policy: PolicySchema }) }),
      },
    },
    async (request, reply) => {
      const policy = await createPolicy(context, requireUser(request), request.body);
      return reply.code(201).send({ policy });
    },
  );

  app.get(
    "/api/policies/:policyId",
    { schema: { params: PolicyIdParams, response: responses({ 200: Type.Object({ policy: PolicyDetailSchema }) }) } },
    async (request) => ({ policy: await getPolicy(context, requireUser(request), request.params.policyId) }),
  );

  app.patch(
    "/api/policies/:policyId",
    {
      schema: {
        params: PolicyIdParams,
        body: Type.Object(
          {
            title: Type.Optional(TitleSchema),
            slug: Type.Optional(SlugSchema),
            summary: Type.Optional(SummarySchema),
            signOffRule: Type.Optional(SignOffRuleSchema),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: responses({ 200: Type.Object({ policy: PolicySchema }) }),
      },
    },
    async (request) => ({ policy: await updatePolicy(context, requireUser(request), request.params.policyId, request.body) }),
  );

  app.put(
    "/api/policies/:policyId/required-bodies",
    {
      schema: {
        params: PolicyIdParams,
        body: Type.Object({ bodyIds: Type.Array(UuidSchema, { maxItems: 50 }) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ requiredBodies: Type.Array(BodySchema) }) }),
      },
    },
    async (request) => ({
      requiredBodies: await setRequiredBodies(context, requireUser(request), request.params.policyId, request.body.bodyIds),
    }),
  );
};
