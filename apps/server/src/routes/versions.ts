import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { renderPolicyHtml } from "@accord/policy-render";
import { renderRedlineHtml, renderRedlineStandalone } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { requireUser } from "../plugins/session-auth.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { exportFormats, exportVersion } from "../use-cases/versions/export-version.js";
import { getRedline, type RedlineSide } from "../use-cases/versions/get-redline.js";
import { getVersion } from "../use-cases/versions/get-version.js";
import { listVersions } from "../use-cases/versions/list-versions.js";
import { restoreVersion } from "../use-cases/versions/restore-version.js";
import { saveVersion } from "../use-cases/versions/save-version.js";
import { MultiLineTextSchema, PolicyIdParams, responses } from "./schemas.js";

const VersionSummarySchema = Type.Object({
  number: Type.Integer(),
  label: Type.String(),
  note: Type.String(),
  authorId: Type.Union([Type.String(), Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  contentHash: Type.String(),
  wordCount: Type.Integer(),
  wordsAdded: Type.Integer(),
  wordsRemoved: Type.Integer(),
});
const VersionParams = Type.Intersect([PolicyIdParams, Type.Object({ number: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })]);
const SideSchema = Type.String({ pattern: "^(draft|[1-9][0-9]{0,6})$" });
const RedlineQuery = Type.Object({ from: SideSchema, to: SideSchema }, { additionalProperties: false });
const side = (value: string): RedlineSide => (value === "draft" ? "draft" : Number(value));

// Standalone documents (exports, printable redlines) carry their own <style> and no script at all.
const standaloneContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Versions: the timeline, save, view, restore, redlines and exports. */
export const versionRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get(
    "/api/policies/:policyId/versions",
    { schema: { params: PolicyIdParams, response: responses({ 200: Type.Object({ versions: Type.Array(VersionSummarySchema) }) }) } },
    async (request) => ({ versions: await listVersions(context, requireUser(request), request.params.policyId) }),
  );

  app.post(
    "/api/policies/:policyId/versions",
    {
      schema: {
        params: PolicyIdParams,
        body: Type.Object(
          { label: Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" }), note: Type.Optional(MultiLineTextSchema({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ version: VersionSummarySchema }) }),
      },
    },
    async (request, reply) => {
      const version = await saveVersion(context, requireUser(request), request.params.policyId, request.body);
      return reply.code(201).send({ version });
    },
  );

  app.get(
    "/api/policies/:policyId/versions/:number",
    {
      schema: {
        params: VersionParams,
        response: responses({
          200: Type.Object({
            version: Type.Intersect([
              VersionSummarySchema,
              Type.Object({ content: Type.Object({}, { additionalProperties: true }), html: Type.String() }),
            ]),
          }),
        }),
      },
    },
    async (request) => {
      const { version, content } = await getVersion(context, requireUser(request), request.params.policyId, request.params.number);
      return {
        version: {
          number: version.number,
          label: version.label,
          note: version.note,
          authorId: version.author_id,
          authorName: version.author_name,
          createdAt: new Date(version.created_at).toISOString(),
          contentHash: version.content_hash,
          wordCount: version.word_count,
          wordsAdded: version.words_added,
          wordsRemoved: version.words_removed,
          content,
          html: renderPolicyHtml(content as unknown as PolicyNodeJSON),
        },
      };
    },
  );

  app.post(
    "/api/policies/:policyId/versions/:number/restore",
    {
      schema: {
        params: VersionParams,
        response: responses({
          200: Type.Object({
            restored: Type.Integer(),
            savedVersion: Type.Union([VersionSummarySchema, Type.Null()], {
              description: "the draft as it was before the restore, saved first because it differed from the latest version",
            }),
          }),
        }),
      },
    },
    async (request) => restoreVersion(context, requireUser(request), request.params.policyId, request.params.number),
  );

  app.get(
    "/api/policies/:policyId/redline",
    {
      schema: {
        params: PolicyIdParams,
        querystring: RedlineQuery,
        response: responses({
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            summaryText: Type.String(),
            redline: Type.Object({}, { additionalProperties: true }),
            html: Type.String(),
          }),
        }),
      },
    },
    async (request) => {
      const result = await getRedline(context, requireUser(request), request.params.policyId, side(request.query.from), side(request.query.to));
      return {
        from: result.fromLabel,
        to: result.toLabel,
        summaryText: result.redline.summaryText,
        redline: result.redline as unknown as Record<string, unknown>,
        html: renderRedlineHtml(result.redline),
      };
    },
  );

  app.get(
    "/api/policies/:policyId/redline.html",
    { schema: { params: PolicyIdParams, querystring: RedlineQuery } },
    async (request, reply) => {
      const result = await getRedline(context, requireUser(request), request.params.policyId, side(request.query.from), side(request.query.to));
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
    },
  );

  app.get(
    "/api/policies/:policyId/versions/:number/export/:format",
    {
      schema: {
        params: Type.Intersect([VersionParams, Type.Object({ format: Type.Enum([...exportFormats]) })]),
      },
    },
    async (request, reply) => {
      const file = await exportVersion(
        context,
        requireUser(request),
        request.params.policyId,
        request.params.number,
        request.params.format,
      );
      if (request.params.format === "html") reply.header("content-security-policy", standaloneContentSecurityPolicy);
      return reply
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .type(file.contentType)
        .send(file.body);
    },
  );
};
