import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { maxEncodedAnchorLength } from "@accord/collab";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { deleteComment } from "../use-cases/comments/delete-comment.js";
import { editComment } from "../use-cases/comments/edit-comment.js";
import { hideComment } from "../use-cases/comments/hide-comment.js";
import { listThreads } from "../use-cases/comments/list-threads.js";
import { reopenThread } from "../use-cases/comments/reopen-thread.js";
import { replyToThread } from "../use-cases/comments/reply-to-thread.js";
import { resolveThread } from "../use-cases/comments/resolve-thread.js";
import { startThread } from "../use-cases/comments/start-thread.js";
import { AffiliationSchema, MultiLineTextSchema, NullableString, PersonSchema, PolicyIdParams, responses, UuidSchema, WrittenTextSchema } from "./schemas.js";

const CommentSchema = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  author: PersonSchema,
  body: Type.Union([Type.String(), Type.Null()], { description: "null once deleted or hidden" }),
  mentions: Type.Array(PersonSchema),
  createdAt: Type.String(),
  editedAt: NullableString,
  deleted: Type.Boolean(),
  hidden: Type.Union([Type.Object({ by: PersonSchema, at: Type.String(), reason: Type.String() }), Type.Null()]),
});

const AnchorSchema = Type.Object(
  {
    start: Type.String({ minLength: 1, maxLength: maxEncodedAnchorLength, description: "base64 of Y.encodeRelativePosition" }),
    end: Type.String({ minLength: 1, maxLength: maxEncodedAnchorLength, description: "base64 of Y.encodeRelativePosition" }),
  },
  { additionalProperties: false },
);

const ThreadSchema = Type.Object({
  id: Type.String(),
  policyId: Type.String(),
  anchor: Type.Object({ start: Type.String(), end: Type.String() }),
  quote: Type.String({ description: "the words the thread is on as the draft holds them now (as quoted, once deleted)" }),
  originalQuote: Type.String({ description: "the words as quoted when the thread was started" }),
  onDeletedText: Type.Boolean(),
  status: Type.Enum(["open", "resolved"]),
  createdAt: Type.String(),
  createdBy: PersonSchema,
  resolvedAt: NullableString,
  resolvedBy: Type.Union([PersonSchema, Type.Null()]),
  comments: Type.Array(CommentSchema),
});

const CommentBody = WrittenTextSchema(5000);
const Mentions = Type.Array(UuidSchema, { maxItems: 20, description: "user ids of people who can read the policy" });
const CommentInput = Type.Object({ body: CommentBody, mentions: Type.Optional(Mentions) }, { additionalProperties: false });

const ThreadParams = Type.Intersect([PolicyIdParams, Type.Object({ threadId: UuidSchema })]);
const CommentParams = Type.Intersect([ThreadParams, Type.Object({ commentId: UuidSchema })]);

/** Comment threads on a policy's draft: list, start, reply, edit, delete, resolve, reopen, hide. */
export const commentRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/threads",
    {
      schema: {
        params: PolicyIdParams,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(["open", "resolved", "all"])),
            mine: Type.Optional(Type.Boolean({ description: "threads I started, replied in or am mentioned in" })),
            affiliation: Type.Optional(AffiliationSchema),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ threads: Type.Array(ThreadSchema) }) }),
      },
    },
    async (request, reply) => {
      const { status, mine, affiliation } = request.query;
      const threads = await listThreads(context, requireUser(request), request.params.policyId, {
        status: status ?? "all",
        mine: mine ?? false,
        ...(affiliation ? { affiliation } : {}),
      });
      // Live data that differs per person (mine): never kept by a shared cache.
      reply.header("cache-control", "no-store");
      return { threads };
    },
  );

  app.post(
    "/api/policies/:policyId/threads",
    {
      schema: {
        params: PolicyIdParams,
        body: Type.Object(
          {
            anchor: AnchorSchema,
            quote: Type.Optional(
              MultiLineTextSchema({ minLength: 1, maxLength: 1000, description: "ignored; the server takes the quote from the draft" }),
            ),
            body: CommentBody,
            mentions: Type.Optional(Mentions),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ thread: ThreadSchema }) }),
      },
    },
    async (request, reply) => {
      const thread = await startThread(context, requireUser(request), request.params.policyId, request.body);
      return reply.code(201).send({ thread });
    },
  );

  app.post(
    "/api/policies/:policyId/threads/:threadId/comments",
    { schema: { params: ThreadParams, body: CommentInput, response: responses({ 201: Type.Object({ comment: CommentSchema }) }) } },
    async (request, reply) => {
      const { policyId, threadId } = request.params;
      const comment = await replyToThread(context, requireUser(request), policyId, threadId, request.body);
      return reply.code(201).send({ comment });
    },
  );

  app.patch(
    "/api/policies/:policyId/threads/:threadId/comments/:commentId",
    { schema: { params: CommentParams, body: CommentInput, response: responses({ 200: Type.Object({ comment: CommentSchema }) }) } },
    async (request) => ({ comment: await editComment(context, requireUser(request), request.params, request.body) }),
  );

  app.delete(
    "/api/policies/:policyId/threads/:threadId/comments/:commentId",
    { schema: { params: CommentParams, response: responses({ 200: Type.Object({ comment: CommentSchema }) }) } },
    async (request) => ({ comment: await deleteComment(context, requireUser(request), request.params) }),
  );

  app.post(
    "/api/policies/:policyId/threads/:threadId/resolve",
    { schema: { params: ThreadParams, response: responses({ 200: Type.Object({ thread: ThreadSchema }) }) } },
    async (request) => {
      const { policyId, threadId } = request.params;
      return { thread: await resolveThread(context, requireUser(request), policyId, threadId) };
    },
  );

  app.post(
    "/api/policies/:policyId/threads/:threadId/reopen",
    { schema: { params: ThreadParams, response: responses({ 200: Type.Object({ thread: ThreadSchema }) }) } },
    async (request) => {
      const { policyId, threadId } = request.params;
      return { thread: await reopenThread(context, requireUser(request), policyId, threadId) };
    },
  );

  app.post(
    "/api/policies/:policyId/threads/:threadId/comments/:commentId/hide",
    {
      schema: {
        params: CommentParams,
        body: Type.Object({ reason: WrittenTextSchema(500) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ comment: CommentSchema }) }),
      },
    },
    async (request) => ({ comment: await hideComment(context, requireUser(request), request.params, request.body) }),
  );
};
