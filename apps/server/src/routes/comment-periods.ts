import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { commentPeriodEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentCommentPeriod, presentPeriodComments, presentPublicComment } from "../presenters/comment-periods.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { extendPeriod } from "../use-cases/comment-periods/extend-comment-period.js";
import { listPolicyCommentPeriods } from "../use-cases/comment-periods/list-comment-periods.js";
import { listPeriodComments } from "../use-cases/comment-periods/list-period-comments.js";
import { moderatePublicComment } from "../use-cases/comment-periods/moderate-public-comment.js";
import { openCommentPeriod } from "../use-cases/comment-periods/open-comment-period.js";
import { markNoResponseNeeded, writeSectionResponse } from "../use-cases/comment-periods/write-section-response.js";

/** Public comment periods in the app: open, extend, the moderation queue, and the working group's responses. */
export const commentPeriodRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/comment-periods", { schema: commentPeriodEndpoints.list }, async (request) => ({
    commentPeriods: (await listPolicyCommentPeriods(context, requireUser(request), request.params.policyId)).map(presentCommentPeriod),
  }));

  app.post("/api/policies/:policyId/comment-periods", { schema: commentPeriodEndpoints.open }, async (request, reply) => {
    const period = await openCommentPeriod(context, requireUser(request), request.params.policyId, request.body);
    return reply.code(201).send({ commentPeriod: presentCommentPeriod(period) });
  });

  app.post("/api/comment-periods/:periodId/extensions", { schema: commentPeriodEndpoints.extend }, async (request) => ({
    commentPeriod: presentCommentPeriod(await extendPeriod(context, requireUser(request), request.params.periodId, request.body)),
  }));

  app.get("/api/comment-periods/:periodId/comments", { schema: commentPeriodEndpoints.comments }, async (request, reply) => {
    const { status } = request.query;
    const found = await listPeriodComments(context, requireUser(request), request.params.periodId, status ? [status] : undefined);
    reply.header("cache-control", "no-store");
    return presentPeriodComments(found);
  });

  app.post(
    "/api/comment-periods/:periodId/comments/:commentId/moderation",
    { schema: commentPeriodEndpoints.moderate },
    async (request) => {
      const { periodId, commentId } = request.params;
      const body = request.body;
      const comment = await moderatePublicComment(context, requireUser(request), periodId, commentId, {
        action: body.action,
        ...(body.action === "reject" ? { reason: body.reason } : {}),
      });
      return { comment: presentPublicComment(comment) };
    },
  );

  app.put("/api/comment-periods/:periodId/responses/:section", { schema: commentPeriodEndpoints.respond }, async (request) => {
    const user = requireUser(request);
    const { periodId, section } = request.params;
    await writeSectionResponse(context, user, periodId, section, request.body);
    return presentPeriodComments(await listPeriodComments(context, user, periodId));
  });

  app.post(
    "/api/comment-periods/:periodId/comments/:commentId/no-response",
    { schema: commentPeriodEndpoints.noResponse },
    async (request) => {
      const user = requireUser(request);
      const { periodId, commentId } = request.params;
      await markNoResponseNeeded(context, user, periodId, commentId, request.body);
      return presentPeriodComments(await listPeriodComments(context, user, periodId));
    },
  );
};
