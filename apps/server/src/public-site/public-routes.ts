import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { escapeHtml, renderPolicyHtml } from "@accord/policy-render";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { UseCaseContext } from "../use-cases/context.js";
import { findDisplayNames } from "../storage/proposals.js";
import { listCurrentPublications, listPublishedVersions, type PublishedVersion } from "../storage/public-policies.js";
import { renderApprovalRecord } from "./approval-record.js";
import { humanDate, publicPage } from "./public-layout.js";
import { publicStylesheet } from "./public-stylesheet.js";

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type("text/html; charset=utf-8")
    .send(publicPage({ title: "Not found", body: `<h1>Not found</h1><p>No published policy is at this address. <a href="/policies">See all published policies</a>.</p>` }));
}

async function versionPage(context: UseCaseContext, version: PublishedVersion, current: boolean): Promise<string> {
  const names = await findDisplayNames(context.db, version.proposal.signOffs.map((signOff) => signOff.userId));
  const heading = current
    ? `<p class="status">In effect since ${escapeHtml(humanDate(version.effectiveDate))} · version ${version.versionNumber}</p>`
    : `<p class="status">Version ${version.versionNumber}, effective ${escapeHtml(humanDate(version.effectiveDate))}. <a href="/policies/${escapeHtml(version.slug)}">See the current version</a>.</p>`;
  return publicPage({
    title: version.title,
    body: `<article>
<h1>${escapeHtml(version.title)}</h1>
${heading}
<p class="summary">${escapeHtml(version.summary)}</p>
<p class="hash-line">SHA-256 of the approved text: <code class="hash">${escapeHtml(version.contentHash)}</code></p>
<nav aria-label="About this policy"><ul class="policy-links"><li><a href="/policies/${escapeHtml(version.slug)}/versions">Every published version</a></li></ul></nav>
<div class="policy-text">
${renderPolicyHtml(JSON.parse(version.canonicalJson) as PolicyNodeJSON)}
</div>
${renderApprovalRecord(version.proposal, names, version.contentHash)}
</article>`,
  });
}

/**
 * The public site, with no account and no script: the index of published policies and each policy's
 * current and earlier published versions with their approval record. Only published text is ever read
 * here; drafts and unpublished versions do not exist for these routes.
 */
export const publicRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/public/site.css", async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(publicStylesheet),
  );

  app.get(
    "/policies",
    { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const query = (request.query.q ?? "").trim().toLowerCase();
      const policies = (await listCurrentPublications(context.db)).filter(
        (policy) => !query || policy.title.toLowerCase().includes(query) || policy.summary.toLowerCase().includes(query),
      );
      const items = policies
        .map(
          (policy) => `<li><h2><a href="/policies/${escapeHtml(policy.slug)}">${escapeHtml(policy.title)}</a></h2>
<p>${escapeHtml(policy.summary)}</p>
<p class="meta">In effect since ${escapeHtml(humanDate(policy.effectiveDate))} · last changed ${escapeHtml(humanDate(policy.publishedAt.toISOString()))}</p></li>`,
        )
        .join("\n");
      return reply.type("text/html; charset=utf-8").send(
        publicPage({
          title: "Published policies",
          body: `<h1>Published policies</h1>
<form class="search" method="get" action="/policies" role="search">
<label for="q">Search the policies</label>
<input id="q" name="q" type="search" value="${escapeHtml(request.query.q ?? "")}">
<button type="submit">Search</button>
</form>
${items ? `<ul class="policy-index">${items}</ul>` : `<p>No published policy matches${query ? ` “${escapeHtml(request.query.q ?? "")}”` : ""}.</p>`}`,
        }),
      );
    },
  );

  app.get("/policies/:slug", { schema: { params: SlugParams } }, async (request, reply) => {
    const [current] = await listPublishedVersions(context.db, request.params.slug);
    if (!current) return notFound(reply);
    return reply.type("text/html; charset=utf-8").send(await versionPage(context, current, true));
  });

  app.get("/policies/:slug/versions", { schema: { params: SlugParams } }, async (request, reply) => {
    const versions = await listPublishedVersions(context.db, request.params.slug);
    const [current] = versions;
    if (!current) return notFound(reply);
    const items = versions
      .map(
        (version, index) => `<li><a href="/policies/${escapeHtml(version.slug)}/versions/${version.versionNumber}">Version ${version.versionNumber}</a>, effective ${escapeHtml(humanDate(version.effectiveDate))}${index === 0 ? " (current)" : " (superseded)"} · <code class="hash">${escapeHtml(version.contentHash)}</code></li>`,
      )
      .join("\n");
    return reply.type("text/html; charset=utf-8").send(
      publicPage({
        title: `${current.title}: published versions`,
        body: `<h1>${escapeHtml(current.title)}: published versions</h1><ul class="version-list">${items}</ul>`,
      }),
    );
  });

  app.get(
    "/policies/:slug/versions/:number",
    { schema: { params: Type.Intersect([SlugParams, Type.Object({ number: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })]) } },
    async (request, reply) => {
      const versions = await listPublishedVersions(context.db, request.params.slug);
      const version = versions.find((candidate) => candidate.versionNumber === request.params.number);
      if (!version) return notFound(reply);
      return reply.type("text/html; charset=utf-8").send(await versionPage(context, version, version === versions[0]));
    },
  );
};
