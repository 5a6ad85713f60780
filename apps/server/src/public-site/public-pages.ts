import { escapeHtml, renderPolicyHtml } from "@accord/policy-render";
import { changeAnnouncements, renderRedlineHtml, type Redline } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { PublishedVersion } from "../storage/public-policies.js";
import { renderApprovalRecord } from "./approval-record.js";
import type { PolicyStanding } from "./policy-standing.js";
import { humanDate, publicPage, type FeedLink } from "./public-layout.js";

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const base = (version: PublishedVersion) => `/policies/${version.slug}`;
const versionPath = (version: PublishedVersion) => `${base(version)}/versions/${version.versionNumber}`;
const comparePath = (from: PublishedVersion, to: PublishedVersion) => `${base(from)}/compare/${from.versionNumber}/${to.versionNumber}`;

/**
 * The feed of one policy's publications, announced on its pages. Its title names no policy: the page's
 * own title already does, and the feed carries the policy's title itself.
 */
export function policyFeed(version: PublishedVersion): FeedLink {
  return { title: "This policy's publications (Atom)", href: `${base(version)}/feed.atom` };
}

/** Where a version stands today, in words: in effect since, adopted and taking effect on, or superseded. */
export function standingWords(version: PublishedVersion, standing: PolicyStanding): string {
  const effective = escapeHtml(humanDate(version.effectiveDate));
  switch (standing.standingOf(version)) {
    case "in_force":
      return `In effect since ${effective}`;
    case "adopted":
      return `Adopted on ${escapeHtml(humanDate(version.publishedAt.toISOString()))}; takes effect on ${effective}`;
    case "superseded":
      return `Effective ${effective}; superseded`;
  }
}

// Where a page points readers at the other versions that matter today: the one in force, and the
// adopted texts to come with what they change.
function noticesFor(version: PublishedVersion, standing: PolicyStanding): string {
  const notices: string[] = [];
  const { inForce } = standing;
  if (standing.standingOf(version) !== "in_force") {
    // Comparisons run from the older text to the newer: from the one in force to an adopted one.
    const compare = !inForce
      ? ""
      : standing.standingOf(version) === "adopted"
        ? link(comparePath(inForce, version), `See what this version changes`)
        : link(comparePath(version, inForce), `See what changed since`);
    notices.push(
      inForce
        ? `Version ${inForce.versionNumber} is the one in force today. ${link(versionPath(inForce), `Read version ${inForce.versionNumber}`)} · ${compare}.`
        : "No version of this policy is in force yet.",
    );
  }
  for (const coming of standing.adopted) {
    if (coming === version) continue;
    const changes = link(comparePath(version, coming), `See what changes from version ${version.versionNumber}`);
    notices.push(
      `Version ${coming.versionNumber} was adopted on ${escapeHtml(humanDate(coming.publishedAt.toISOString()))} and takes effect on ${escapeHtml(humanDate(coming.effectiveDate))}. ${link(versionPath(coming), "Read the adopted text")} · ${changes}.`,
    );
  }
  return notices.map((notice) => `<p class="notice">${notice}</p>`).join("\n");
}

/**
 * The page of one published version: text, hash, where it stands today, approval record, and ways to
 * check it; `afterRecord` is more of the policy's public record (officers' acknowledgement counts).
 */
export function renderVersionPage(
  version: PublishedVersion,
  names: ReadonlyMap<string, string>,
  standing: PolicyStanding,
  /** HTML of the policy's open comment period's notice, and of the comment period the approval answered (issue 17). */
  commentPeriod: { notice?: string; citation?: string } = {},
  afterRecord = "",
): string {
  const path = versionPath(version);
  const links = [
    link(`${base(version)}/versions`, "Every published version"),
    link(`${path}/canonical.json`, "Canonical JSON (what the hash covers)"),
    link(`${path}/pdf`, "Download as PDF"),
    link("/verify", "How to verify this text"),
  ];
  return publicPage({
    title: version.title,
    description: version.summary,
    feeds: [policyFeed(version)],
    body: `<article>
<h1>${escapeHtml(version.title)}</h1>
<p class="status">${standingWords(version, standing)} · version ${version.versionNumber}</p>
${noticesFor(version, standing)}
${commentPeriod.notice ?? ""}
<p class="summary">${escapeHtml(version.summary)}</p>
<p class="hash-line">SHA-256 of the approved text: <code class="hash">${escapeHtml(version.contentHash)}</code></p>
<nav aria-label="About this policy"><ul class="policy-links">${links.map((item) => `<li>${item}</li>`).join("")}</ul></nav>
<div class="policy-text">
${renderPolicyHtml(JSON.parse(version.canonicalJson) as PolicyNodeJSON)}
</div>
${renderApprovalRecord(version.proposal, names, version.contentHash)}
${commentPeriod.citation ?? ""}
${afterRecord}
</article>`,
  });
}

/** Every published version of a policy, where each stands today, with links to compare them with the one in force. */
export function renderVersionsPage(standing: PolicyStanding): string {
  const { shown, inForce } = standing;
  const items = standing.versions
    .map((version) => {
      // Every comparison runs from the older text to the newer: to the one in force, or from it to an adopted one.
      const compare =
        !inForce || version === inForce
          ? ""
          : standing.standingOf(version) === "adopted"
            ? ` · ${link(comparePath(inForce, version), "what it changes")}`
            : ` · ${link(comparePath(version, inForce), "changes since")}`;
      return `<li>${link(versionPath(version), `Version ${version.versionNumber}`)}: ${standingWords(version, standing)}${compare}<br><code class="hash">${escapeHtml(version.contentHash)}</code></li>`;
    })
    .join("\n");
  return publicPage({
    title: `${shown.title}: published versions`,
    description: shown.summary,
    feeds: [policyFeed(shown)],
    body: `<h1>${escapeHtml(shown.title)}: published versions</h1><ul class="version-list">${items}</ul>
<p>${link(policyFeed(shown).href, "Atom feed of this policy's publications")}</p>`,
  });
}

/** The redline between two published versions, with a key that shows and says how changes are marked. */
export function renderComparePage(from: PublishedVersion, to: PublishedVersion, redline: Redline): string {
  return publicPage({
    title: `${to.title}: changes from version ${from.versionNumber} to ${to.versionNumber}`,
    description: `What changed in ${to.title} from version ${from.versionNumber} to version ${to.versionNumber}.`,
    feeds: [policyFeed(to)],
    body: `<h1>${escapeHtml(to.title)}: changes from version ${from.versionNumber} to version ${to.versionNumber}</h1>
<p class="redline-key">Key: <ins>inserted text</ins> is underlined, <del>deleted text</del> is struck through. Screen readers hear “${changeAnnouncements.insert.start}” and “${changeAnnouncements.insert.end}”, or “${changeAnnouncements.delete.start}” and “${changeAnnouncements.delete.end}”, around each change.</p>
<div class="redline">${renderRedlineHtml(redline)}</div>`,
  });
}

/** How anyone can check that a published text is the approved one. */
export function renderVerifyPage(): string {
  return publicPage({
    title: "How to verify a published policy",
    description: "How to check, with the SHA-256 hash, that a published policy is exactly the approved text.",
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
