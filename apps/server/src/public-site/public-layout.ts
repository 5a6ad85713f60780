import { escapeHtml } from "@accord/policy-render";

/** An Atom feed a page announces, so that feed readers find it from the page (autodiscovery). */
export interface FeedLink {
  readonly title: string;
  readonly href: string;
}

/** The feed of every publication, announced on every public page. */
export const siteFeed: FeedLink = { title: "Published policies (Atom)", href: "/policies/feed.atom" };

/** What a public page says of itself when it has nothing more particular to say. */
const siteDescription = "Policies published with Accord: the approved text of each, its SHA-256 hash and the record of its approval.";

/** A public page: semantic HTML, a skip link, no script, one stylesheet from the same origin. */
export function publicPage(options: { title: string; body: string; description?: string; feeds?: readonly FeedLink[] }): string {
  const feeds = [siteFeed, ...(options.feeds ?? [])]
    .map((feed) => `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(feed.title)}" href="${escapeHtml(feed.href)}">`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Accord</title>
<meta name="description" content="${escapeHtml(options.description ?? siteDescription)}">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<link rel="stylesheet" href="/public/site.css">
${feeds}
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header"><a class="site-name" href="/policies">Published policies</a></header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer"><p>Published with Accord. Every policy shows the SHA-256 hash of its approved text.</p></footer>
</body>
</html>
`;
}

/** A long date for people: "January 1, 2027". */
export function humanDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  return date.toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
