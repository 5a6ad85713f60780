import {
  commenterKindWords,
  groupNearDuplicates,
  publicCommentMaxCharacters,
  rejectionReasons,
  type CommentPeriodState,
} from "@accord/domain";
import { escapeHtml, renderPolicyHtml } from "@accord/policy-render";
import { changeAnnouncements, diffPolicyDocuments, renderRedlineHtml } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { ConsultationCitation, PublicConsultation, PublishedComment } from "../use-cases/comment-periods/public-consultation.js";
import type { VersionSection } from "../use-cases/comment-periods/version-sections.js";
import { publicPage } from "./public-layout.js";

/** An instant for people, in UTC (the server's clock decides, and the page says so). */
export function humanInstant(value: Date | string): string {
  const date = new Date(value);
  return `${date.toLocaleString("en-US", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" })} UTC`;
}

const stateWords: Record<CommentPeriodState, string> = {
  scheduled: "Scheduled: not open for comments yet",
  open: "Open for comments",
  closed: "Closed: no more comments are taken",
};

/** Where the public pages of a policy's comment period live. */
export const consultationPath = (slug: string) => `/policies/${encodeURIComponent(slug)}/comments`;
const sectionFormPath = (slug: string, section: string) => `${consultationPath(slug)}/sections/${encodeURIComponent(section)}`;

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function byline(comment: PublishedComment): string {
  const name = comment.display_name || "Anonymous";
  const organisation = comment.organisation ? `, on behalf of ${comment.organisation}` : "";
  return `${escapeHtml(name)}${escapeHtml(organisation)} · ${escapeHtml(humanInstant(comment.received_at))}`;
}

/** One group of published comments with the same text: shown once, with how many sent it. */
function renderGroup(group: PublishedComment[]): string {
  const first = group[0]!;
  const count = group.length > 1 ? `<p class="duplicates"><strong>${group.length} comments with this text</strong></p>` : "";
  const quote = first.quote ? `<blockquote><p>${escapeHtml(first.quote)}</p></blockquote>` : "";
  const names =
    group.length > 1
      ? `<details><summary>Who sent it (${group.length})</summary><ul>${group.map((comment) => `<li>${byline(comment)}</li>`).join("")}</ul></details>`
      : `<p class="meta">${byline(first)}</p>`;
  return `<li class="public-comment" id="comment-${escapeHtml(first.id)}">${count}${quote}<div class="comment-body">${paragraphs(first.body)}</div>${names}</li>`;
}

/** How to take part, from who the period allows. */
function howToTakePart(consultation: PublicConsultation): string {
  const ways = consultation.view.allowed.map((kind) => `<li>${escapeHtml(commenterKindWords[kind])}</li>`).join("");
  const organisation = consultation.view.period.allow_organisation ? " You may say you comment on behalf of an organisation." : "";
  return `<section aria-labelledby="take-part"><h2 id="take-part">How to take part</h2>
<p>Choose a section below and select its “Comment on section” button. A comment is up to ${publicCommentMaxCharacters.toLocaleString("en-US")} characters and may quote the section's exact words.${organisation} You may comment:</p>
<ul>${ways}</ul>
<p>A moderator reads every comment before it is published, following the rules below. After the period closes, the working group publishes its response, section by section, with the version it proposes for approval.</p></section>`;
}

function moderationRules(): string {
  const rules = rejectionReasons
    .map((reason) => `<li><strong>${escapeHtml(reason.label)}</strong>: ${escapeHtml(reason.rule)}</li>`)
    .join("");
  return `<section aria-labelledby="moderation-rules"><h2 id="moderation-rules">Moderation rules</h2>
<p>Every comment is published unless it breaks one of these rules; a rejected comment is counted below by its reason, and nothing is deleted.</p>
<ul>${rules}</ul></section>`;
}

function sectionBlock(consultation: PublicConsultation, section: VersionSection): string {
  const { slug } = consultation.policy;
  const comments = consultation.published.filter((comment) => comment.section === section.number);
  const groups = groupNearDuplicates(comments);
  const button =
    consultation.view.state === "open"
      ? `<p><a class="button" href="${escapeHtml(sectionFormPath(slug, section.number))}" aria-describedby="heading-${escapeHtml(section.anchor)}">Comment on section ${escapeHtml(section.number)}</a></p>`
      : "";
  const response = consultation.responses.find((candidate) => candidate.section === section.number);
  const responseHtml = response ? `<div class="response"><h4>The working group's response</h4>${paragraphs(response.response)}</div>` : "";
  const count = comments.length === 1 ? "1 published comment" : `${comments.length} published comments`;
  return `<section class="comment-section" id="comments-${escapeHtml(section.anchor)}" aria-labelledby="heading-${escapeHtml(section.anchor)}">
<h3 id="heading-${escapeHtml(section.anchor)}">${escapeHtml(section.number)} ${escapeHtml(section.heading)}</h3>
<p class="meta">${count}</p>
${button}
${groups.length > 0 ? `<ul class="public-comments">${groups.map(renderGroup).join("\n")}</ul>` : ""}
${responseHtml}
</section>`;
}

/** Once the working group proposes a version for sign-off after the period: what it changed from the commented text, beside its response. */
function proposedSection(consultation: PublicConsultation): string {
  const { proposed, view } = consultation;
  if (!proposed) return "";
  const changes =
    proposed.versionNumber === view.period.version_number
      ? "<p>It is the commented text, unchanged.</p>"
      : `<p class="redline-key">What it changes from the commented version ${view.period.version_number}: <ins>inserted text</ins> is underlined, <del>deleted text</del> is struck through.</p>
<div class="redline">${renderRedlineHtml(diffPolicyDocuments(JSON.parse(consultation.canonicalJson) as PolicyNodeJSON, JSON.parse(proposed.canonicalJson) as PolicyNodeJSON))}</div>`;
  return `<section aria-labelledby="proposed-for-approval"><h2 id="proposed-for-approval">Proposed for approval: version ${proposed.versionNumber}</h2>
<p>After the comment period, the working group proposed version ${proposed.versionNumber} for sign-off and approval, with its response to the comments (below, section by section).</p>
${changes}</section>`;
}

/** The public page of a policy's comment period: state and dates, the proposed text as a redline, how to take part, rules, comments per section. */
export function renderConsultationPage(consultation: PublicConsultation): string {
  const { policy, view } = consultation;
  const proposed = JSON.parse(consultation.canonicalJson) as PolicyNodeJSON;
  const text = consultation.inForce
    ? `<p class="redline-key">The proposed text, marked against version ${consultation.inForce.versionNumber}, the version in force: <ins>inserted text</ins> is underlined, <del>deleted text</del> is struck through (screen readers hear “${changeAnnouncements.insert.start}” and “${changeAnnouncements.delete.start}”).</p>
<div class="redline">${renderRedlineHtml(diffPolicyDocuments(JSON.parse(consultation.inForce.canonicalJson) as PolicyNodeJSON, proposed))}</div>`
    : `<p>No version of this policy is in force yet, so the whole text is new.</p><div class="policy-text">${renderPolicyHtml(proposed)}</div>`;
  const extensions = view.extensions
    .map(
      (extension) =>
        `<li>Extended on ${escapeHtml(humanInstant(extension.extended_at))} from ${escapeHtml(humanInstant(extension.previous_closes_at))} to ${escapeHtml(humanInstant(extension.closes_at))}: ${escapeHtml(extension.reason)}</li>`,
    )
    .join("");
  const rejected = consultation.rejected.filter((entry) => entry.count > 0);
  const rejectedHtml = `<section aria-labelledby="rejected"><h2 id="rejected">Comments not published</h2>
${rejected.length > 0 ? `<ul>${rejected.map((entry) => `<li>${escapeHtml(entry.label)}: ${entry.count}</li>`).join("")}</ul>` : "<p>No comment has been rejected.</p>"}
${consultation.awaitingModeration > 0 ? `<p>${consultation.awaitingModeration} ${consultation.awaitingModeration === 1 ? "comment is" : "comments are"} waiting for a moderator.</p>` : ""}</section>`;
  const exports = `<p><a href="${escapeHtml(consultationPath(policy.slug))}/export.csv">Published comments and responses (CSV)</a> · <a href="${escapeHtml(consultationPath(policy.slug))}/export.json">(JSON)</a> · <a href="${escapeHtml(consultationPath(policy.slug))}/export.sha256">SHA-256 checksums</a></p>`;
  return publicPage({
    title: `${policy.title}: public comment period`,
    description: `The public comment period on version ${view.period.version_number} of ${policy.title}.`,
    body: `<article>
<h1>${escapeHtml(policy.title)}: public comment period</h1>
<p class="status"><strong>${stateWords[view.state]}</strong></p>
<dl class="period-dates">
<dt>Opens</dt><dd>${escapeHtml(humanInstant(view.period.opens_at))}</dd>
<dt>Closes</dt><dd>${escapeHtml(humanInstant(view.period.closes_at))}</dd>
<dt>Commented text</dt><dd>Version ${view.period.version_number} (${escapeHtml(consultation.versionLabel)}), SHA-256 <code class="hash">${escapeHtml(view.period.content_hash)}</code></dd>
</dl>
${extensions ? `<ul class="extensions">${extensions}</ul>` : ""}
<p class="summary">${escapeHtml(policy.summary)}</p>
${view.state === "open" ? howToTakePart(consultation) : ""}
${moderationRules()}
<section aria-labelledby="proposed-text"><h2 id="proposed-text">The proposed text</h2>${text}</section>
${proposedSection(consultation)}
<section aria-labelledby="comments-by-section"><h2 id="comments-by-section">Comments by section</h2>
${consultation.sections.map((section) => sectionBlock(consultation, section)).join("\n")}
</section>
${rejectedHtml}
<section aria-labelledby="record"><h2 id="record">Record</h2>${exports}</section>
</article>`,
  });
}

/** What the form holds when it is shown again with its problems. */
export interface CommentFormValues {
  body: string;
  quote: string;
  name: string;
  organisation: string;
  email: string;
}

export const emptyCommentForm: CommentFormValues = { body: "", quote: "", name: "", organisation: "", email: "" };

/**
 * The form to comment on one section. Plain HTML that works without script on a phone: labels, hints,
 * an error summary linked to its fields (GOV.UK's pattern), and a honeypot field hidden from people and
 * from assistive technology.
 */
export function renderCommentForm(
  consultation: PublicConsultation,
  section: VersionSection,
  values: CommentFormValues = emptyCommentForm,
  problems: { field: string; message: string }[] = [],
): string {
  const { slug } = consultation.policy;
  const { allowed } = consultation.view;
  const error = (field: string) => problems.find((problem) => problem.field === field);
  const described = (field: string, hint: boolean) => {
    const ids = [hint ? `${field}-hint` : "", error(field) ? `${field}-error` : ""].filter(Boolean).join(" ");
    return ids ? ` aria-describedby="${ids}"` : "";
  };
  const errorLine = (field: string) =>
    error(field) ? `<p class="field-error" id="${field}-error">${escapeHtml(error(field)!.message)}</p>` : "";
  const invalid = (field: string) => (error(field) ? ' aria-invalid="true"' : "");
  const summary =
    problems.length > 0
      ? `<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><ul>${problems.map((problem) => `<li><a href="#${problem.field === "form" ? "body" : problem.field}">${escapeHtml(problem.message)}</a></li>`).join("")}</ul></div>`
      : "";
  const named = allowed.includes("verified_email");
  const nameFields = named
    ? `<div class="field"><label for="name">Your name${allowed.includes("anonymous") ? " (optional: leave it and the e-mail empty to comment anonymously)" : ""}</label>${errorLine("name")}
<input id="name" name="name" type="text" autocomplete="name" maxlength="120" value="${escapeHtml(values.name)}"${invalid("name")}${described("name", false)}></div>
<div class="field"><label for="email">Your e-mail address${allowed.includes("anonymous") ? " (optional)" : ""}</label>
<p class="hint" id="email-hint">We send you a link to confirm your comment. Your address is never published.</p>${errorLine("email")}
<input id="email" name="email" type="email" autocomplete="email" maxlength="254" value="${escapeHtml(values.email)}"${invalid("email")}${described("email", true)}></div>`
    : "";
  const organisation = consultation.view.period.allow_organisation
    ? `<div class="field"><label for="organisation">On behalf of an organisation (optional)</label>${errorLine("organisation")}
<input id="organisation" name="organisation" type="text" autocomplete="organization" maxlength="240" value="${escapeHtml(values.organisation)}"${invalid("organisation")}${described("organisation", false)}></div>`
    : "";
  return publicPage({
    title: `${problems.length > 0 ? "Error: " : ""}Comment on section ${section.number} of ${consultation.policy.title}`,
    body: `<p><a href="${escapeHtml(consultationPath(slug))}#comments-${escapeHtml(section.anchor)}">Back to the comment period</a></p>
${summary}
<h1>Comment on section ${escapeHtml(section.number)}: ${escapeHtml(section.heading)}</h1>
<details><summary>Read section ${escapeHtml(section.number)}</summary><div class="section-text">${paragraphs(section.text)}</div></details>
<form method="post" action="${escapeHtml(consultationPath(slug))}" class="comment-form" novalidate="">
<input type="hidden" name="section" value="${escapeHtml(section.number)}">
<div class="field"><label for="body">Your comment</label>
<p class="hint" id="body-hint">Up to ${publicCommentMaxCharacters.toLocaleString("en-US")} characters. A moderator reads it before it is published.</p>${errorLine("body")}
<textarea id="body" name="body" rows="8" maxlength="${publicCommentMaxCharacters}"${invalid("body")}${described("body", true)}>${escapeHtml(values.body)}</textarea></div>
<div class="field"><label for="quote">Words of the section you comment on (optional)</label>
<p class="hint" id="quote-hint">Copy the exact words, if your comment is about a particular phrase.</p>${errorLine("quote")}
<input id="quote" name="quote" type="text" maxlength="500" value="${escapeHtml(values.quote)}"${invalid("quote")}${described("quote", true)}></div>
${nameFields}
${organisation}
<div class="website-field" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit">Send comment</button>
</form>`,
  });
}

/** A short page: a heading and what happened, with a way back. */
export function renderNoticePage(title: string, message: string, slug: string): string {
  return publicPage({
    title,
    body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(consultationPath(slug))}">Back to the comment period</a></p>`,
  });
}

/** The page a verification e-mail's link opens: one button, so that a mail scanner fetching the link changes nothing. */
export function renderLinkPage(which: "confirm" | "not-me", token: string, slug: string): string {
  const title = which === "confirm" ? "Confirm your comment" : "This was not me";
  const explanation =
    which === "confirm"
      ? "Confirm that you wrote this comment. A moderator then reads it before it is published; your e-mail address is never published."
      : "Withdraw the comment someone made with your e-mail address. It will never be published.";
  return publicPage({
    title,
    body: `<h1>${title}</h1><p>${explanation}</p>
<form method="post" action="${escapeHtml(consultationPath(slug))}/${which}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${which === "confirm" ? "Confirm my comment" : "Withdraw the comment"}</button></form>`,
  });
}

/** The notice on a published policy's page while a comment period on its next version is open. */
export function renderOpenPeriodNotice(consultation: PublicConsultation): string {
  if (consultation.view.state !== "open") return "";
  return `<p class="notice"><strong>Open for public comment</strong> until ${escapeHtml(humanInstant(consultation.view.period.closes_at))}: version ${consultation.view.period.version_number} is proposed. <a href="${escapeHtml(consultationPath(consultation.policy.slug))}">Read the proposed text and comment on it</a>.</p>`;
}

/** What the approval record says of the comment period the approved version answered. */
export function renderConsultationCitation(citation: ConsultationCitation): string {
  const comments = citation.publishedComments === 1 ? "1 published comment" : `${citation.publishedComments} published comments`;
  const sections = citation.respondedSections === 1 ? "1 section" : `${citation.respondedSections} sections`;
  return `<section class="approval-record" aria-labelledby="public-comment-record">
<h2 id="public-comment-record">Public comment period</h2>
<p>Before this version was proposed for approval, version ${citation.versionNumber} was open for public comment from ${escapeHtml(humanInstant(citation.opensAt))} to ${escapeHtml(humanInstant(citation.closesAt))}. It received ${comments}; the working group responded on ${sections}. <a href="${escapeHtml(consultationPath(citation.slug))}">Read the comments and the response</a>.</p>
</section>`;
}
