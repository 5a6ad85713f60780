import { escapeHtml, renderPolicyHtml } from "@accord/policy-render";
import { renderRedlineHtml, type Redline } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { PublishedVersion } from "../storage/public-policies.js";
import { renderApprovalRecord } from "./approval-record.js";
import { humanDate, publicPage } from "./public-layout.js";

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const base = (version: PublishedVersion) => `/policies/${version.slug}`;

/** The page of one published version: text, hash, effective date, approval record, and ways to check it. */
export function renderVersionPage(version: PublishedVersion, names: ReadonlyMap<string, string>, current: boolean, newest: number): string {
  const status = current
    ? `<p class="status">In effect since ${escapeHtml(humanDate(version.effectiveDate))} · version ${version.versionNumber}</p>`
    : `<p class="status">Version ${version.versionNumber}, effective ${escapeHtml(humanDate(version.effectiveDate))}; superseded. ${link(base(version), "See the current version")}.</p>`;
  const versionPath = `${base(version)}/versions/${version.versionNumber}`;
  const links = [
    link(`${base(version)}/versions`, "Every published version"),
    link(`${versionPath}/canonical.json`, "Canonical JSON (what the hash covers)"),
    link(`${versionPath}/pdf`, "Download as PDF"),
    link("/verify", "How to verify this text"),
    ...(version.versionNumber !== newest ? [link(`${base(version)}/compare/${version.versionNumber}/${newest}`, "Compare with the current version")] : []),
  ];
  return publicPage({
    title: version.title,
    body: `<article>
<h1>${escapeHtml(version.title)}</h1>
${status}
<p class="summary">${escapeHtml(version.summary)}</p>
<p class="hash-line">SHA-256 of the approved text: <code class="hash">${escapeHtml(version.contentHash)}</code></p>
<nav aria-label="About this policy"><ul class="policy-links">${links.map((item) => `<li>${item}</li>`).join("")}</ul></nav>
<div class="policy-text">
${renderPolicyHtml(JSON.parse(version.canonicalJson) as PolicyNodeJSON)}
</div>
${renderApprovalRecord(version.proposal, names, version.contentHash)}
</article>`,
  });
}

/** Every published version of a policy, with links to compare any two. */
export function renderVersionsPage(versions: readonly PublishedVersion[]): string {
  const [current] = versions;
  if (!current) return "";
  const items = versions
    .map(
      (version, index) => `<li>${link(`${base(version)}/versions/${version.versionNumber}`, `Version ${version.versionNumber}`)}, effective ${escapeHtml(humanDate(version.effectiveDate))}${index === 0 ? " (current)" : " (superseded)"}${
        index > 0 ? ` · ${link(`${base(version)}/compare/${version.versionNumber}/${current.versionNumber}`, "changes since")}` : ""
      }<br><code class="hash">${escapeHtml(version.contentHash)}</code></li>`,
    )
    .join("\n");
  return publicPage({
    title: `${current.title}: published versions`,
    body: `<h1>${escapeHtml(current.title)}: published versions</h1><ul class="version-list">${items}</ul>`,
  });
}

/** The redline between two published versions. */
export function renderComparePage(from: PublishedVersion, to: PublishedVersion, redline: Redline): string {
  return publicPage({
    title: `${to.title}: changes from version ${from.versionNumber} to ${to.versionNumber}`,
    body: `<h1>${escapeHtml(to.title)}: changes from version ${from.versionNumber} to version ${to.versionNumber}</h1>
<p>Insertions are underlined and marked “inserted”; deletions are struck through and marked “deleted”.</p>
<div class="redline">${renderRedlineHtml(redline)}</div>`,
  });
}

/** How anyone can check that a published text is the approved one. */
export function renderVerifyPage(): string {
  return publicPage({
    title: "How to verify a published policy",
    body: `<h1>How to verify a published policy</h1>
<p>Every published version shows the SHA-256 hash of its text. The working group signed off, and the approving bodies decided on, exactly that hash; so if the hash of what you read matches, you read the approved text.</p>
<h2>The steps</h2>
<ol>
<li>Download the version's <strong>canonical JSON</strong> (the link “Canonical JSON” on the version's page). It is the text as the policy editor stores it: the document's structure in JSON, written with its keys sorted and no spaces (RFC 8785).</li>
<li>Compute the SHA-256 of the file's bytes, exactly as downloaded. On most computers: <code>sha256sum canonical.json</code> (Linux), <code>shasum -a 256 canonical.json</code> (macOS), or <code>Get-FileHash canonical.json</code> (Windows PowerShell).</li>
<li>Compare the result with the hash on the page and in the approval record. They must be identical.</li>
</ol>
<h2>In a program</h2>
<p>Node.js: <code>crypto.createHash("sha256").update(text, "utf8").digest("hex")</code>. Python: <code>hashlib.sha256(text.encode("utf-8")).hexdigest()</code>, where <code>text</code> is the canonical JSON. To rebuild the canonical JSON from a parsed document in Python: <code>json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)</code>.</p>`,
  });
}

/** The Atom feed of publications, newest first. */
export function renderAtomFeed(publications: readonly PublishedVersion[], origin: string): string {
  const updated = publications[0]?.publishedAt.toISOString() ?? new Date(0).toISOString();
  const entries = publications
    .map((version) => {
      const url = `${origin}${base(version)}/versions/${version.versionNumber}`;
      return `<entry>
<title>${escapeHtml(`${version.title}, version ${version.versionNumber}`)}</title>
<link href="${escapeHtml(url)}"/>
<id>${escapeHtml(url)}</id>
<updated>${version.publishedAt.toISOString()}</updated>
<summary>${escapeHtml(`Published; in effect from ${version.effectiveDate}. SHA-256 ${version.contentHash}. ${version.summary}`)}</summary>
</entry>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Published policies</title>
<link href="${escapeHtml(`${origin}/policies`)}"/>
<link rel="self" href="${escapeHtml(`${origin}/policies/feed.atom`)}"/>
<id>${escapeHtml(`${origin}/policies`)}</id>
<updated>${updated}</updated>
${entries}
</feed>
`;
}
