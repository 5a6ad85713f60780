import { escapeHtml } from "@accord/policy-render";
import type { PublishedVersion } from "../storage/public-policies.js";
import { humanDate } from "./public-layout.js";

/**
 * The tagging entity of Accord's `tag:` URIs (RFC 4151), with a fixed date: ids made from it never change,
 * whatever the site's address becomes. Each id holds the policy's UUID, so no two installations mint the same.
 */
const tagPrefix = "tag:accord,2026:";

/** The permanent id of a published version: from the policy's id and the version number, never from an address. */
export function publicationTagUri(version: Pick<PublishedVersion, "policyId" | "versionNumber">): string {
  return `${tagPrefix}policy/${version.policyId}/version/${version.versionNumber}`;
}

/** Which feed: every policy's publications, or one policy's. */
export type FeedScope = { kind: "site" } | { kind: "policy"; policyId: string; slug: string; title: string };

/**
 * An Atom feed (RFC 4287) of publications, newest first. Nothing in it comes from a request: ids are
 * `tag:` URIs, and links are absolute under the configured public origin or, when there is none,
 * relative to the feed's own address (RFC 4287 §4.2.7.1 allows it), so a cached feed can never carry a
 * client's Host header.
 */
export function renderAtomFeed(publications: readonly PublishedVersion[], scope: FeedScope, publicOrigin: string | null): string {
  const origin = publicOrigin ?? "";
  const feedPath = scope.kind === "site" ? "/policies/feed.atom" : `/policies/${scope.slug}/feed.atom`;
  const pagePath = scope.kind === "site" ? "/policies" : `/policies/${scope.slug}`;
  const feedId = scope.kind === "site" ? `${tagPrefix}policies` : `${tagPrefix}policy/${scope.policyId}`;
  const title = scope.kind === "site" ? "Published policies" : `${scope.title}: published versions`;
  // Feed-level author (§4.1.1): the working groups that wrote the policies; each entry names its own.
  const author = scope.kind === "site" ? "The working groups of the published policies" : `The working group of ${scope.title}`;
  // An empty feed has no publication to date it by: the start of the tagging year, a fixed instant.
  const updated = publications[0]?.publishedAt.toISOString() ?? "2026-01-01T00:00:00.000Z";
  const entries = publications
    .map((version) => {
      const url = `${origin}/policies/${version.slug}/versions/${version.versionNumber}`;
      const published = version.publishedAt.toISOString();
      const facts = `Version ${version.versionNumber}, published ${humanDate(published)}, in effect from ${humanDate(version.effectiveDate)}. SHA-256 ${version.contentHash}. ${version.summary}`;
      return `<entry>
<id>${escapeHtml(publicationTagUri(version))}</id>
<title>${escapeHtml(`${version.title}, version ${version.versionNumber}`)}</title>
<link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>
<published>${published}</published>
<updated>${published}</updated>
<author><name>${escapeHtml(`The working group of ${version.title}`)}</name></author>
<summary>${escapeHtml(facts)}</summary>
</entry>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>${escapeHtml(feedId)}</id>
<title>${escapeHtml(title)}</title>
<updated>${updated}</updated>
<author><name>${escapeHtml(author)}</name></author>
<link rel="self" type="application/atom+xml" href="${escapeHtml(`${origin}${feedPath}`)}"/>
<link rel="alternate" type="text/html" href="${escapeHtml(`${origin}${pagePath}`)}"/>
<generator>Accord</generator>
${entries}
</feed>
`;
}
