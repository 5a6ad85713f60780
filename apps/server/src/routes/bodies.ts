import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { createBody } from "../use-cases/bodies/create-body.js";
import { getBody, listBodies } from "../use-cases/bodies/list-bodies.js";
import { addRepresentative, removeRepresentative } from "../use-cases/bodies/set-representative.js";
import { updateBody } from "../use-cases/bodies/update-body.js";
import { BodySchema, MultiLineTextSchema, responses, TitleSchema, UuidSchema } from "./schemas.js";

const BodyParams = Type.Object({ bodyId: UuidSchema });
const RepresentativeParams = Type.Object({ bodyId: UuidSchema, userId: UuidSchema });
const DescriptionSchema = MultiLineTextSchema({ maxLength: 2000 });

/** Approving bodies (board, union, …) and who represents each. */
export const bodyRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/bodies",
    { schema: { response: responses({ 200: Type.Object({ bodies: Type.Array(BodySchema) }) }) } },
    async (request) => ({ bodies: await listBodies(context, requireUser(request)) }),
  );

  app.get(
    "/api/bodies/:bodyId",
    { schema: { params: BodyParams, response: responses({ 200: Type.Object({ body: BodySchema }) }) } },
    async (request) => ({ body: await getBody(context, requireUser(request), request.params.bodyId) }),
  );

  app.post(
    "/api/bodies",
    {
      schema: {
        body: Type.Object({ name: TitleSchema, description: Type.Optional(DescriptionSchema) }, { additionalProperties: false }),
        response: responses({ 201: Type.Object({ body: BodySchema }) }),
      },
    },
    async (request, reply) => {
      const body = await createBody(context, requireUser(request), request.body);
      return reply.code(201).send({ body });
    },
  );

  app.patch(
    "/api/bodies/:bodyId",
    {
      schema: {
        params: BodyParams,
        body: Type.Object(
          { name: Type.Optional(TitleSchema), description: Type.Optional(DescriptionSchema) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: responses({ 200: Type.Object({ body: BodySchema }) }),
      },
    },
    async (request) => ({ body: await updateBody(context, requireUser(request), request.params.bodyId, request.body) }),
  );

  app.put(
    "/api/bodies/:bodyId/representatives/:userId",
    { schema: { params: RepresentativeParams, response: responses({ 200: Type.Object({ body: BodySchema }) }) } },
    async (request) => ({
      body: await addRepresentative(context, requireUser(request), request.params.bodyId, request.params.userId),
    }),
  );

  app.delete(
    "/api/bodies/:bodyId/representatives/:userId",
    { schema: { params: RepresentativeParams, response: responses({ 200: Type.Object({ body: BodySchema }) }) } },
    async (request) => ({
      body: await removeRepresentative(context, requireUser(request), request.params.bodyId, request.params.userId),
    }),
  );
};
