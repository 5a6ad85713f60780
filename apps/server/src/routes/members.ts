import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { memberEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentMember } from "../presenters/members.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { listMembers } from "../use-cases/members/list-members.js";
import { removeMember } from "../use-cases/members/remove-member.js";
import { setMember } from "../use-cases/members/set-member.js";

/** A policy's working group: who is in it, with which affiliation and role. */
export const memberRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/members", { schema: memberEndpoints.list }, async (request) => ({
    members: (await listMembers(context, requireUser(request), request.params.policyId)).map(presentMember),
  }));

  // PUT: adds the person or changes their role and affiliation; repeating it changes nothing more.
  app.put("/api/policies/:policyId/members/:userId", { schema: memberEndpoints.put }, async (request, reply) => {
    const { member, created } = await setMember(
      context,
      requireUser(request),
      request.params.policyId,
      request.params.userId,
      request.body,
    );
    return reply.code(created ? 201 : 200).send({ member: presentMember(member) });
  });

  app.delete("/api/policies/:policyId/members/:userId", { schema: memberEndpoints.remove }, async (request, reply) => {
    await removeMember(context, requireUser(request), request.params.policyId, request.params.userId);
    return reply.code(204).send(null);
  });
};
