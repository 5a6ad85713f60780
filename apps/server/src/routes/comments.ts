import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { commentEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentComment, presentThread } from "../presenters/comments.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { deleteComment } from "../use-cases/comments/delete-comment.js";
import { editComment } from "../use-cases/comments/edit-comment.js";
import { hideComment } from "../use-cases/comments/hide-comment.js";
import { listThreads } from "../use-cases/comments/list-threads.js";
import { reopenThread } from "../use-cases/comments/reopen-thread.js";
import { replyToThread } from "../use-cases/comments/reply-to-thread.js";
import { resolveThread } from "../use-cases/comments/resolve-thread.js";
import { startThread } from "../use-cases/comments/start-thread.js";

/** Comment threads on a policy's draft: list, start, reply, edit, delete, resolve, reopen, hide. */
export const commentRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/threads", { schema: commentEndpoints.list }, async (request, reply) => {
    const { status, mine, affiliation } = request.query;
    const threads = await listThreads(context, requireUser(request), request.params.policyId, {
      status: status ?? "all",
      mine: mine ?? false,
      ...(affiliation ? { affiliation } : {}),
    });
    // Live data that differs per person (mine): never kept by a shared cache.
    reply.header("cache-control", "no-store");
    return { threads: threads.map(presentThread) };
  });

  app.post("/api/policies/:policyId/threads", { schema: commentEndpoints.start }, async (request, reply) => {
    const thread = await startThread(context, requireUser(request), request.params.policyId, request.body);
    return reply.code(201).send({ thread: presentThread(thread) });
  });

  app.post("/api/policies/:policyId/threads/:threadId/comments", { schema: commentEndpoints.reply }, async (request, reply) => {
    const { policyId, threadId } = request.params;
    const comment = await replyToThread(context, requireUser(request), policyId, threadId, request.body);
    return reply.code(201).send({ comment: presentComment(comment) });
  });

  app.patch("/api/policies/:policyId/threads/:threadId/comments/:commentId", { schema: commentEndpoints.edit }, async (request) => ({
    comment: presentComment(await editComment(context, requireUser(request), request.params, request.body)),
  }));

  app.delete("/api/policies/:policyId/threads/:threadId/comments/:commentId", { schema: commentEndpoints.delete }, async (request) => ({
    comment: presentComment(await deleteComment(context, requireUser(request), request.params)),
  }));

  app.post("/api/policies/:policyId/threads/:threadId/resolve", { schema: commentEndpoints.resolve }, async (request) => {
    const { policyId, threadId } = request.params;
    return { thread: presentThread(await resolveThread(context, requireUser(request), policyId, threadId)) };
  });

  app.post("/api/policies/:policyId/threads/:threadId/reopen", { schema: commentEndpoints.reopen }, async (request) => {
    const { policyId, threadId } = request.params;
    return { thread: presentThread(await reopenThread(context, requireUser(request), policyId, threadId)) };
  });

  app.post("/api/policies/:policyId/threads/:threadId/comments/:commentId/hide", { schema: commentEndpoints.hide }, async (request) => ({
    comment: presentComment(await hideComment(context, requireUser(request), request.params, request.body)),
  }));
};
