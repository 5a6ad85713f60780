import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { versionEndpoints } from "@accord/api-contract";
import { renderRedlineStandalone } from "@accord/policy-diff";
import { requireUser } from "../plugins/session-auth.js";
import { presentRedline, presentRestore, presentVersion, presentVersionSummary } from "../presenters/versions.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { exportVersion } from "../use-cases/versions/export-version.js";
import { getRedline, type RedlineSide } from "../use-cases/versions/get-redline.js";
import { getVersion } from "../use-cases/versions/get-version.js";
import { listVersions } from "../use-cases/versions/list-versions.js";
import { restoreVersion } from "../use-cases/versions/restore-version.js";
import { saveVersion } from "../use-cases/versions/save-version.js";

const side = (value: string): RedlineSide => (value === "draft" ? "draft" : Number(value));

// Standalone documents (exports, printable redlines) carry their own <style> and no script at all.
const standaloneContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Versions: the timeline, save, view, restore, redlines and exports. */
export const versionRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/policies/:policyId/versions", { schema: versionEndpoints.list }, async (request) => ({
    versions: (await listVersions(context, requireUser(request), request.params.policyId)).map(presentVersionSummary),
  }));

  app.post("/api/policies/:policyId/versions", { schema: versionEndpoints.save }, async (request, reply) => {
    const version = await saveVersion(context, requireUser(request), request.params.policyId, request.body);
    return reply.code(201).send({ version: presentVersionSummary(version) });
  });

  app.get("/api/policies/:policyId/versions/:number", { schema: versionEndpoints.get }, async (request) => ({
    version: presentVersion(await getVersion(context, requireUser(request), request.params.policyId, request.params.number)),
  }));

  app.post("/api/policies/:policyId/versions/:number/restore", { schema: versionEndpoints.restore }, async (request) =>
    presentRestore(await restoreVersion(context, requireUser(request), request.params.policyId, request.params.number)),
  );

  app.get("/api/policies/:policyId/redline", { schema: versionEndpoints.redline }, async (request) =>
    presentRedline(
      await getRedline(context, requireUser(request), request.params.policyId, side(request.query.from), side(request.query.to)),
    ),
  );

  app.get("/api/policies/:policyId/redline.html", { schema: versionEndpoints.redlineHtml }, async (request, reply) => {
    const result = await getRedline(
      context,
      requireUser(request),
      request.params.policyId,
      side(request.query.from),
      side(request.query.to),
    );
    return reply
      .header("content-security-policy", standaloneContentSecurityPolicy)
      .type("text/html; charset=utf-8")
      .send(
        renderRedlineStandalone({
          title: `${result.policy.title}: changes from ${result.fromLabel} to ${result.toLabel}`,
          fromLabel: result.fromLabel,
          toLabel: result.toLabel,
          redline: result.redline,
        }),
      );
  });

  app.get("/api/policies/:policyId/versions/:number/export/:format", { schema: versionEndpoints.export }, async (request, reply) => {
    const file = await exportVersion(context, requireUser(request), request.params.policyId, request.params.number, request.params.format);
    if (request.params.format === "html") reply.header("content-security-policy", standaloneContentSecurityPolicy);
    return reply.header("content-disposition", `attachment; filename="${file.filename}"`).type(file.contentType).send(file.body);
  });
};
