import { Type } from "typebox";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { escapeHtml } from "@accord/policy-render";
import { diffPolicyDocuments } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { exportPdf } from "../exports/index.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { findVersionExport } from "../use-cases/find-version-export.js";
import { findDisplayNames } from "../storage/proposals.js";
import { listAllPublications, listCurrentPublications, listPublishedVersions, type PublishedVersion } from "../storage/public-policies.js";
import { PageCache } from "./page-cache.js";
import { renderAtomFeed, renderComparePage, renderVerifyPage, renderVersionPage, renderVersionsPage } from "./public-pages.js";
import { humanDate, publicPage } from "./public-layout.js";
import { publicStylesheet } from "./public-stylesheet.js";

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
const VersionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const html = "text/html; charset=utf-8";

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type(html)
    .send(publicPage({ title: "Not found", body: `<h1>Not found</h1><p>No published policy is at this address. <a href="/policies">See all published policies</a>.</p>` }));
}

/**
 * The public site, with no account and no script. It reads only published versions (publications
 * joined to their versions and proposals), so drafts, unpublished versions, comments and internal
 * records cannot reach it. Every page is rendered once and cached until the next publication.
 */
export const publicRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext; publicOrigin: string | null }> = async (
  app,
  { context, publicOrigin },
) => {
  const cache = new PageCache();
  const unsubscribe = context.publications.subscribe(() => cache.clear());
  app.addHook("onClose", async () => unsubscribe());

  const names = (version: PublishedVersion) =>
    findDisplayNames(context.db, [...version.proposal.signOffs.map((signOff) => signOff.userId), ...version.proposal.decisions.map((decision) => decision.recordedBy)]);
  /** Renders from the published versions of a slug, or answers 404 when there is nothing to show. */
  const fromVersions = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    slug: string,
    render: (versions: PublishedVersion[]) => Promise<string | Buffer | null>,
  ) => {
    const sent = await cache.send(request, reply, key, contentType, async () => {
      const versions = await listPublishedVersions(context.db, slug);
      return versions.length === 0 ? null : render(versions);
    });
    return sent ? reply : notFound(reply);
  };

  app.get("/public/site.css", async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(publicStylesheet),
  );

  app.get("/verify", async (request, reply) => {
    await cache.send(request, reply, "verify", html, async () => renderVerifyPage());
    return reply;
  });

  app.get("/policies/feed.atom", async (request, reply) => {
    await cache.send(request, reply, "feed", "application/atom+xml; charset=utf-8", async () =>
      renderAtomFeed(await listAllPublications(context.db), publicOrigin ?? `${request.protocol}://${request.host}`),
    );
    return reply;
  });

  app.get(
    "/policies",
    { schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const raw = request.query.q ?? "";
      const query = raw.trim().toLowerCase();
      await cache.send(request, reply, `index:${query}`, html, async () => {
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
        return publicPage({
          title: "Published policies",
          body: `<h1>Published policies</h1>
<form class="search" method="get" action="/policies" role="search">
<label for="q">Search the policies</label>
<input id="q" name="q" type="search" value="${escapeHtml(raw)}">
<button type="submit">Search</button>
</form>
${items ? `<ul class="policy-index">${items}</ul>` : `<p>No published policy matches${query ? ` “${escapeHtml(raw)}”` : ""}.</p>`}
<p><a href="/policies/feed.atom">Atom feed of publications</a> · <a href="/verify">How to verify a policy</a></p>`,
        });
      });
      return reply;
    },
  );

  app.get("/policies/:slug", { schema: { params: SlugParams } }, async (request, reply) =>
    fromVersions(request, reply, `current:${request.params.slug}`, html, request.params.slug, async ([current]) =>
      current ? renderVersionPage(current, await names(current), true, current.versionNumber) : null,
    ),
  );

  app.get("/policies/:slug/versions", { schema: { params: SlugParams } }, async (request, reply) =>
    fromVersions(request, reply, `versions:${request.params.slug}`, html, request.params.slug, async (versions) => renderVersionsPage(versions)),
  );

  const VersionParams = Type.Intersect([SlugParams, Type.Object({ number: VersionNumber })]);
  const findNumber = (versions: PublishedVersion[], number: number) => versions.find((version) => version.versionNumber === number);

  app.get("/policies/:slug/versions/:number", { schema: { params: VersionParams } }, async (request, reply) => {
    const { slug, number } = request.params;
    return fromVersions(request, reply, `version:${slug}:${number}`, html, slug, async (versions) => {
      const version = findNumber(versions, number);
      return version ? renderVersionPage(version, await names(version), version === versions[0], versions[0]!.versionNumber) : null;
    });
  });

  app.get("/policies/:slug/versions/:number/canonical.json", { schema: { params: VersionParams } }, async (request, reply) => {
    const { slug, number } = request.params;
    // The exact bytes the content hash covers: served as stored, never re-serialised.
    return fromVersions(request, reply, `canonical:${slug}:${number}`, "application/json; charset=utf-8", slug, async (versions) => findNumber(versions, number)?.canonicalJson ?? null);
  });

  app.get("/policies/:slug/versions/:number/pdf", { schema: { params: VersionParams } }, async (request, reply) => {
    const { slug, number } = request.params;
    return fromVersions(request, reply, `pdf:${slug}:${number}`, "application/pdf", slug, async (versions) => {
      const version = findNumber(versions, number);
      // The same description as the app's export of this version: one version, one history.
      const description = version ? await findVersionExport(context.db, version.policyId, number) : null;
      if (!description) return null;
      // Only a found version is a download: a 404 must not be saved as a .pdf file.
      reply.header("content-disposition", `attachment; filename="${slug}-v${number}.pdf"`);
      return exportPdf(description);
    });
  });

  app.get(
    "/policies/:slug/compare/:from/:to",
    { schema: { params: Type.Intersect([SlugParams, Type.Object({ from: VersionNumber, to: VersionNumber })]) } },
    async (request, reply) => {
      const { slug, from, to } = request.params;
      return fromVersions(request, reply, `compare:${slug}:${from}:${to}`, html, slug, async (versions) => {
        const before = findNumber(versions, from);
        const after = findNumber(versions, to);
        if (!before || !after) return null;
        const redline = diffPolicyDocuments(JSON.parse(before.canonicalJson) as PolicyNodeJSON, JSON.parse(after.canonicalJson) as PolicyNodeJSON);
        return renderComparePage(before, after, redline);
      });
    },
  );
};
