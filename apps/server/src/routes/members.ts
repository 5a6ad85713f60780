import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { listMembers } from "../use-cases/members/list-members.js";
import { removeMember } from "../use-cases/members/remove-member.js";
import { setMember } from "../use-cases/members/set-member.js";
import { AffiliationSchema, MemberSchema, PolicyIdParams, PolicyRoleSchema, responses, UuidSchema } from "./schemas.js";

const MemberParams = Type.Intersect([PolicyIdParams, Type.Object({ userId: UuidSchema })]);

/** A policy's working group: who is in it, with which affiliation and role. */
export const memberRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/members",
    { schema: { params: PolicyIdParams, response: responses({ 200: Type.Object({ members: Type.Array(MemberSchema) }) }) } },
    async (request) => ({ members: await listMembers(context, requireUser(request), request.params.policyId) }),
  );

  // PUT: adds the person or changes their role and affiliation; repeating it changes nothing more.
  app.put(
    "/api/policies/:policyId/members/:userId",
    {
      schema: {
        params: MemberParams,
        body: Type.Object({ role: PolicyRoleSchema, affiliation: AffiliationSchema }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ member: MemberSchema }), 201: Type.Object({ member: MemberSchema }) }),
      },
    },
    async (request, reply) => {
      const { member, created } = await setMember(
        context,
        requireUser(request),
        request.params.policyId,
        request.params.userId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send({ member });
    },
  );

  app.delete(
    "/api/policies/:policyId/members/:userId",
    { schema: { params: MemberParams, response: responses({ 204: Type.Null() }) } },
    async (request, reply) => {
      await removeMember(context, requireUser(request), request.params.policyId, request.params.userId);
      return reply.code(204).send(null);
    },
  );
};
