import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { importRequestLimits, policyEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentBody } from "../presenters/bodies.js";
import { presentPolicy, presentPolicyDetail, presentPolicyTemplate } from "../presenters/policies.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createPolicy } from "../use-cases/policies/create-policy.js";
import { listPolicyTemplates } from "../use-cases/policies/list-policy-templates.js";
import { getPolicy } from "../use-cases/policies/get-policy.js";
import { listPolicies } from "../use-cases/policies/list-policies.js";
import { setRequiredBodies } from "../use-cases/proposals/set-required-bodies.js";
import { updatePolicy } from "../use-cases/policies/update-policy.js";

const newPolicyBodyLimitBytes = importRequestLimits.docxBase64Characters + 512 * 1024;

/** Policies: my list, one policy, and the facilitator's create, edit and required bodies. */
export const policyRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies", { schema: policyEndpoints.list }, async (request) => ({
    policies: (await listPolicies(context, requireUser(request))).map(presentPolicy),
  }));

  app.get("/api/policy-templates", { schema: policyEndpoints.templates }, async (request) => ({
    templates: listPolicyTemplates(requireUser(request)).map(presentPolicyTemplate),
  }));

  // A new policy may carry an imported Word file or Markdown (up to twice `importLimits`, so that the use
  // case can refuse a file somewhat too large with a message naming its size): this one route takes
  // more than the app's body limit.
  app.post("/api/policies", { schema: policyEndpoints.create, bodyLimit: newPolicyBodyLimitBytes }, async (request, reply) => {
    const policy = await createPolicy(context, requireUser(request), request.body);
    return reply.code(201).send({ policy: presentPolicy(policy) });
  });

  app.get("/api/policies/:policyId", { schema: policyEndpoints.get }, async (request) => ({
    policy: presentPolicyDetail(await getPolicy(context, requireUser(request), request.params.policyId)),
  }));

  app.patch("/api/policies/:policyId", { schema: policyEndpoints.update }, async (request) => ({
    policy: presentPolicy(await updatePolicy(context, requireUser(request), request.params.policyId, request.body)),
  }));

  app.put("/api/policies/:policyId/required-bodies", { schema: policyEndpoints.setRequiredBodies }, async (request) => ({
    requiredBodies: (await setRequiredBodies(context, requireUser(request), request.params.policyId, request.body.bodyIds)).map(
      presentBody,
    ),
  }));
};
