import { publicSiteEndpoints } from "@accord/api-contract";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { escapeHtml } from "@accord/policy-render";
import { diffPolicyDocuments } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { exportPdf } from "../exports/index.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { findVersionExport } from "../use-cases/versions/find-version-export.js";
import { findDisplayNames } from "../storage/proposals.js";
import { listAllPublications, listEveryPublication, listPublishedVersions, type PublishedVersion } from "../storage/public-policies.js";
import { renderAtomFeed } from "./atom-feed.js";
import { PageCache } from "./page-cache.js";
import { policyStandingOn, type PolicyStanding } from "./policy-standing.js";
import { acknowledgementCountsSection } from "./acknowledgement-counts.js";
import { renderComparePage, renderVerifyPage, renderVersionPage, renderVersionsPage, standingWords } from "./public-pages.js";
import { humanDate, publicPage } from "./public-layout.js";
import { publicStylesheet } from "./public-stylesheet.js";
import { siteIconSvg } from "./site-icon.js";
import {
  findConsultationCitation,
  findPublicConsultation,
  listOpenForComment,
  nextPublicChange,
} from "../use-cases/comment-periods/public-consultation.js";
import {
  consultationPath,
  humanInstant,
  renderConsultationCitation,
  renderConsultationPage,
  renderOpenPeriodNotice,
} from "./consultation-pages.js";

const html = "text/html; charset=utf-8";
const atom = "application/atom+xml; charset=utf-8";

function notFound(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type(html)
    .send(
      publicPage({
        title: "Not found",
        body: `<h1>Not found</h1><p>No published policy is at this address. <a href="/policies">See all published policies</a>.</p>`,
      }),
    );
}

/**
 * The public site, with no account and no script. It reads only published versions (publications
 * joined to their versions and proposals), so drafts, unpublished versions, comments and internal
 * records cannot reach it. Every page is rendered once and cached until the next publication or the next
 * day, since where a version stands (in force, adopted, superseded) depends on the date of the app's clock,
 * or sooner until a comment period opens or closes, since the pages say which periods are open.
 * Nothing rendered depends on the request's headers, so nothing cached can carry a client's Host.
 */
export const publicRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext; publicOrigin: string | null }> = async (
  app,
  { context, publicOrigin },
) => {
  const cache = new PageCache(context.now, (now) => nextPublicChange(context.db, now));
  const unsubscribe = context.events.subscribe("publication", () => cache.clear());
  app.addHook("onClose", async () => unsubscribe());

  const names = (version: PublishedVersion) =>
    findDisplayNames(context.db, [
      ...version.proposal.signOffs.map((signOff) => signOff.userId),
      ...version.proposal.decisions.map((decision) => decision.recordedBy),
    ]);
  /** The open comment period's notice and the approval record's citation of the period it answered (issue 17). */
  const commentPeriodParts = async (version: PublishedVersion) => {
    const consultation = await findPublicConsultation(context.db, version.slug, context.now());
    const citation = await findConsultationCitation(context.db, version.proposal.id);
    return {
      ...(consultation ? { notice: renderOpenPeriodNotice(consultation) } : {}),
      ...(citation ? { citation: renderConsultationCitation(citation) } : {}),
    };
  };
  /** The policies open for public comment, at the top of the index. */
  const openForCommentList = async (query: string) => {
    const open = (await listOpenForComment(context.db, context.now())).filter(
      (policy) => !query || policy.title.toLowerCase().includes(query) || policy.summary.toLowerCase().includes(query),
    );
    if (open.length === 0) return "";
    const items = open
      .map(
        (policy) => `<li><h3><a href="${escapeHtml(consultationPath(policy.slug))}">${escapeHtml(policy.title)}</a></h3>
<p>${escapeHtml(policy.summary)}</p>
<p class="meta">Open for comment until ${escapeHtml(humanInstant(policy.closesAt))}</p></li>`,
      )
      .join("\n");
    return `<section aria-labelledby="open-for-comment"><h2 id="open-for-comment">Open for public comment</h2><ul class="policy-index">${items}</ul></section>`;
  };
  /** Renders from the published versions of a slug as they stand today, or answers 404 when there is nothing to show. */
  const fromVersions = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    slug: string,
    render: (versions: PublishedVersion[], standing: PolicyStanding) => Promise<string | Buffer | null>,
  ) => {
    const sent = await cache.send(request, reply, key, contentType, async (today) => {
      const versions = await listPublishedVersions(context.db, slug);
      return versions.length === 0 ? null : render(versions, policyStandingOn(versions, today));
    });
    return sent ? reply : notFound(reply);
  };

  app.get("/public/site.css", { schema: publicSiteEndpoints.plain }, async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(publicStylesheet),
  );

  // The site's icon, also at the address browsers and crawlers try without being told (see site-icon.ts).
  for (const path of ["/favicon.svg", "/favicon.ico"]) {
    app.get(path, { schema: publicSiteEndpoints.plain }, async (_request, reply) =>
      reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(siteIconSvg),
    );
  }

  app.get("/verify", { schema: publicSiteEndpoints.plain }, async (request, reply) => {
    await cache.send(request, reply, "verify", html, async () => renderVerifyPage());
    return reply;
  });

  app.get("/policies/feed.atom", { schema: publicSiteEndpoints.plain }, async (request, reply) => {
    await cache.send(request, reply, "feed", atom, async () =>
      renderAtomFeed(await listAllPublications(context.db), { kind: "site" }, publicOrigin),
    );
    return reply;
  });

  app.get("/policies/:slug/feed.atom", { schema: publicSiteEndpoints.policy }, async (request, reply) =>
    fromVersions(request, reply, `feed:${request.params.slug}`, atom, request.params.slug, async (versions, { shown }) =>
      renderAtomFeed(versions, { kind: "policy", policyId: shown.policyId, slug: shown.slug, title: shown.title }, publicOrigin),
    ),
  );

  app.get("/policies", { schema: publicSiteEndpoints.index }, async (request, reply) => {
    const raw = request.query.q ?? "";
    const query = raw.trim().toLowerCase();
    await cache.send(request, reply, `index:${query}`, html, async (today) => {
      const byPolicy = new Map<string, PublishedVersion[]>();
      for (const version of await listEveryPublication(context.db))
        byPolicy.set(version.policyId, [...(byPolicy.get(version.policyId) ?? []), version]);
      // Each policy as it stands today: the title and summary of the version in force (or, before any
      // takes effect, of the first adopted one), and a word on the adopted text to come.
      const policies = [...byPolicy.values()]
        .map((versions) => policyStandingOn(versions, today))
        .filter(({ shown }) => !query || shown.title.toLowerCase().includes(query) || shown.summary.toLowerCase().includes(query))
        .sort((a, b) => a.shown.title.localeCompare(b.shown.title));
      const items = policies
        .map((standing) => {
          const { shown } = standing;
          const coming = standing.adopted
            .filter((version) => version !== shown)
            .map(
              (version) => ` · version ${version.versionNumber} adopted, takes effect on ${escapeHtml(humanDate(version.effectiveDate))}`,
            );
          return `<li><h2><a href="/policies/${escapeHtml(shown.slug)}">${escapeHtml(shown.title)}</a></h2>
<p>${escapeHtml(shown.summary)}</p>
<p class="meta">${standingWords(shown, standing)}${coming.join("")}</p></li>`;
        })
        .join("\n");
      return publicPage({
        title: "Published policies",
        body: `<h1>Published policies</h1>
<form class="search" method="get" action="/policies" role="search">
<label for="q">Search the policies</label>
<input id="q" name="q" type="search" value="${escapeHtml(raw)}">
<button type="submit">Search</button>
</form>
${await openForCommentList(query)}
${items ? `<ul class="policy-index">${items}</ul>` : `<p>No published policy matches${query ? ` “${escapeHtml(raw)}”` : ""}.</p>`}
<p><a href="/policies/feed.atom">Atom feed of publications</a> · <a href="/verify">How to verify a policy</a></p>`,
      });
    });
    return reply;
  });

  // What is in force today, with a notice of any adopted text to come and of an open comment period.
  app.get("/policies/:slug", { schema: publicSiteEndpoints.policy }, async (request, reply) => {
    const { slug } = request.params;
    // A policy with no published version yet but a public comment period: its page is the period's (live, not cached).
    if ((await listPublishedVersions(context.db, slug)).length === 0) {
      const consultation = await findPublicConsultation(context.db, slug, context.now());
      if (consultation) return reply.type(html).header("cache-control", "no-store").send(renderConsultationPage(consultation));
    }
    return fromVersions(request, reply, `current:${slug}`, html, slug, async (_versions, standing) =>
      renderVersionPage(
        standing.shown,
        await names(standing.shown),
        standing,
        await commentPeriodParts(standing.shown),
        await acknowledgementCountsSection(context.db, standing.shown.policyId),
      ),
    );
  });

  app.get("/policies/:slug/versions", { schema: publicSiteEndpoints.policy }, async (request, reply) =>
    fromVersions(request, reply, `versions:${request.params.slug}`, html, request.params.slug, async (_versions, standing) =>
      renderVersionsPage(standing),
    ),
  );

  const findNumber = (versions: PublishedVersion[], number: number) => versions.find((version) => version.versionNumber === number);

  app.get("/policies/:slug/versions/:number", { schema: publicSiteEndpoints.version }, async (request, reply) => {
    const { slug, number } = request.params;
    return fromVersions(request, reply, `version:${slug}:${number}`, html, slug, async (versions, standing) => {
      const version = findNumber(versions, number);
      return version
        ? renderVersionPage(
            version,
            await names(version),
            standing,
            await commentPeriodParts(version),
            await acknowledgementCountsSection(context.db, version.policyId),
          )
        : null;
    });
  });

  app.get("/policies/:slug/versions/:number/canonical.json", { schema: publicSiteEndpoints.version }, async (request, reply) => {
    const { slug, number } = request.params;
    // The exact bytes the content hash covers: served as stored, never re-serialised.
    return fromVersions(
      request,
      reply,
      `canonical:${slug}:${number}`,
      "application/json; charset=utf-8",
      slug,
      async (versions) => findNumber(versions, number)?.canonicalJson ?? null,
    );
  });

  app.get("/policies/:slug/versions/:number/pdf", { schema: publicSiteEndpoints.version }, async (request, reply) => {
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

  app.get("/policies/:slug/compare/:from/:to", { schema: publicSiteEndpoints.compare }, async (request, reply) => {
    const { slug, from, to } = request.params;
    return fromVersions(request, reply, `compare:${slug}:${from}:${to}`, html, slug, async (versions) => {
      const before = findNumber(versions, from);
      const after = findNumber(versions, to);
      if (!before || !after) return null;
      const redline = diffPolicyDocuments(
        JSON.parse(before.canonicalJson) as PolicyNodeJSON,
        JSON.parse(after.canonicalJson) as PolicyNodeJSON,
      );
      return renderComparePage(before, after, redline);
    });
  });

  // Any other address under the public site is the site's own "not found" page, not the API's JSON.
  for (const path of ["/policies/*", "/public/*"])
    app.get(path, { schema: publicSiteEndpoints.plain }, async (_request, reply) => notFound(reply));
};
