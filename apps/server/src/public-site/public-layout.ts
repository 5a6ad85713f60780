import { escapeHtml } from "@accord/policy-render";

/** A public page: semantic HTML, a skip link, no script, one stylesheet from the same origin. */
export function publicPage(options: { title: string; body: string; canonicalPath?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · Accord</title>
<link rel="stylesheet" href="/public/site.css">
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

/** A long date for people: "1 January 2027". */
export function humanDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  return date.toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
