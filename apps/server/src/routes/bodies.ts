import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { bodyEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentBody } from "../presenters/bodies.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createBody } from "../use-cases/bodies/create-body.js";
import { getBody, listBodies } from "../use-cases/bodies/list-bodies.js";
import { addRepresentative, removeRepresentative } from "../use-cases/bodies/set-representative.js";
import { updateBody } from "../use-cases/bodies/update-body.js";

/** Approving bodies (board, union, …) and who represents each. */
export const bodyRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/bodies", { schema: bodyEndpoints.list }, async (request) => ({
    bodies: (await listBodies(context, requireUser(request))).map(presentBody),
  }));

  app.get("/api/bodies/:bodyId", { schema: bodyEndpoints.get }, async (request) => ({
    body: presentBody(await getBody(context, requireUser(request), request.params.bodyId)),
  }));

  app.post("/api/bodies", { schema: bodyEndpoints.create }, async (request, reply) => {
    const body = await createBody(context, requireUser(request), request.body);
    return reply.code(201).send({ body: presentBody(body) });
  });

  app.patch("/api/bodies/:bodyId", { schema: bodyEndpoints.update }, async (request) => ({
    body: presentBody(await updateBody(context, requireUser(request), request.params.bodyId, request.body)),
  }));

  app.put("/api/bodies/:bodyId/representatives/:userId", { schema: bodyEndpoints.addRepresentative }, async (request) => ({
    body: presentBody(await addRepresentative(context, requireUser(request), request.params.bodyId, request.params.userId)),
  }));

  app.delete("/api/bodies/:bodyId/representatives/:userId", { schema: bodyEndpoints.removeRepresentative }, async (request) => ({
    body: presentBody(await removeRepresentative(context, requireUser(request), request.params.bodyId, request.params.userId)),
  }));
};
