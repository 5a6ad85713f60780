import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { acknowledgementEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import {
  campaignReportCsv,
  presentAcknowledgement,
  presentAcknowledgementCounts,
  presentAssignment,
  presentAssignmentDetail,
  presentCampaign,
  presentCampaignReport,
  presentPersonHistory,
  personHistoryCsv,
  presentQuizAttempt,
} from "../presenters/acknowledgements.js";
import { acknowledge } from "../use-cases/acknowledgements/acknowledge.js";
import { attemptQuiz } from "../use-cases/acknowledgements/attempt-quiz.js";
import {
  getAcknowledgementOn,
  getCampaignReport,
  getPersonHistory,
  listCampaignReports,
} from "../use-cases/acknowledgements/campaign-report.js";
import { createCampaign } from "../use-cases/acknowledgements/create-campaign.js";
import { getAssignment } from "../use-cases/acknowledgements/get-assignment.js";
import { listMyAssignments } from "../use-cases/acknowledgements/list-my-assignments.js";
import { markEditorial } from "../use-cases/acknowledgements/mark-editorial.js";
import { getAcknowledgementCounts, setPublicCounts } from "../use-cases/acknowledgements/public-counts.js";
import { verifyAcknowledgementRecord } from "../use-cases/acknowledgements/verify-acknowledgements.js";
import type { UseCaseContext } from "../use-cases/context.js";

const csvAttachment = (name: string) => `attachment; filename="${name}"`;

/** Officers' acknowledgements: their list and screen, the facilitator's campaigns, reports and public counts. */
export const acknowledgementRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/acknowledgements", { schema: acknowledgementEndpoints.mine }, async (request) => ({
    assignments: (await listMyAssignments(context, requireUser(request))).map((entry) =>
      presentAssignment(entry.assignment, entry.policyTitle, entry.overdue),
    ),
  }));

  app.get("/api/acknowledgements/:assignmentId", { schema: acknowledgementEndpoints.get }, async (request) =>
    presentAssignmentDetail(await getAssignment(context, requireUser(request), request.params.assignmentId)),
  );

  app.post(
    "/api/acknowledgements/:assignmentId/quiz-attempts",
    { schema: acknowledgementEndpoints.attemptQuiz },
    async (request, reply) => {
      const attempt = await attemptQuiz(context, requireUser(request), request.params.assignmentId, request.body.answers);
      return reply.code(201).send({ attempt: presentQuizAttempt(attempt) });
    },
  );

  app.post("/api/acknowledgements/:assignmentId/acknowledge", { schema: acknowledgementEndpoints.acknowledge }, async (request, reply) => {
    const acknowledgement = await acknowledge(context, requireUser(request), request.params.assignmentId, request.body);
    return reply.code(201).send({ acknowledgement: presentAcknowledgement(acknowledgement) });
  });

  app.get("/api/acknowledgement-campaigns", { schema: acknowledgementEndpoints.campaigns }, async (request) => ({
    campaigns: (await listCampaignReports(context, requireUser(request))).map(presentCampaign),
  }));

  app.post("/api/acknowledgement-campaigns", { schema: acknowledgementEndpoints.createCampaign }, async (request, reply) => {
    const user = requireUser(request);
    const { campaign } = await createCampaign(context, user, request.body);
    return reply.code(201).send({ campaign: presentCampaign(await getCampaignReport(context, user, campaign.id)) });
  });

  app.get("/api/acknowledgement-campaigns/:campaignId/report", { schema: acknowledgementEndpoints.report }, async (request) => ({
    report: presentCampaignReport(await getCampaignReport(context, requireUser(request), request.params.campaignId)),
  }));

  app.get(
    "/api/acknowledgement-campaigns/:campaignId/report.csv",
    { schema: acknowledgementEndpoints.reportCsv },
    async (request, reply) => {
      const report = await getCampaignReport(context, requireUser(request), request.params.campaignId);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", csvAttachment(`acknowledgements-v${report.campaign.version_number}.csv`))
        .send(campaignReportCsv(report));
    },
  );

  app.get("/api/acknowledgement-people/:userId/history", { schema: acknowledgementEndpoints.history }, async (request) => ({
    history: presentPersonHistory(await getPersonHistory(context, requireUser(request), request.params.userId), context.now()),
  }));

  app.get("/api/acknowledgement-people/:userId/history.csv", { schema: acknowledgementEndpoints.historyCsv }, async (request, reply) => {
    const history = presentPersonHistory(await getPersonHistory(context, requireUser(request), request.params.userId), context.now());
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", csvAttachment("acknowledgement-history.csv"))
      .send(personHistoryCsv(history));
  });

  app.get("/api/acknowledgement-people/:userId/acknowledged-on", { schema: acknowledgementEndpoints.acknowledgedOn }, async (request) => {
    const result = await getAcknowledgementOn(context, requireUser(request), { userId: request.params.userId, ...request.query });
    return {
      displayName: result.displayName,
      policyTitle: result.policyTitle,
      date: request.query.date,
      acknowledgement: result.acknowledgement && presentAcknowledgement(result.acknowledgement),
    };
  });

  app.post(
    "/api/policies/:policyId/acknowledgement-editorial",
    { schema: acknowledgementEndpoints.markEditorial },
    async (request, reply) => {
      const { editorial, covered } = await markEditorial(context, requireUser(request), {
        policyId: request.params.policyId,
        ...request.body,
      });
      return reply
        .code(201)
        .send({ versionNumber: editorial.version_number, reason: editorial.reason, markedAt: editorial.marked_at.toISOString(), covered });
    },
  );

  app.get("/api/policies/:policyId/acknowledgement-counts", { schema: acknowledgementEndpoints.counts }, async (request) =>
    presentAcknowledgementCounts(await getAcknowledgementCounts(context, requireUser(request), request.params.policyId)),
  );

  app.put("/api/policies/:policyId/acknowledgement-counts", { schema: acknowledgementEndpoints.setPublicCounts }, async (request) => {
    const user = requireUser(request);
    await setPublicCounts(context, user, request.params.policyId, request.body.public);
    return presentAcknowledgementCounts(await getAcknowledgementCounts(context, user, request.params.policyId));
  });

  app.get("/api/acknowledgements-verification", { schema: acknowledgementEndpoints.verify }, async (request) => {
    const result = await verifyAcknowledgementRecord(context, requireUser(request));
    const problem = !result.chain.ok
      ? `audit chain broken at ${result.chain.brokenAt}: ${result.chain.reason}`
      : !result.acknowledgements.ok
        ? `acknowledgement ${result.acknowledgements.acknowledgementId}: ${result.acknowledgements.reason}`
        : null;
    return {
      chainOk: result.chain.ok,
      acknowledgementsOk: result.acknowledgements.ok,
      checked: result.acknowledgements.ok ? result.acknowledgements.count : 0,
      problem,
    };
  });
};
