import { escapeHtml, renderPolicyHtml, renderStandaloneHtml } from "@accord/policy-render";
import {
  approvalHeading,
  approvalSummary,
  draftExplanation,
  draftMark,
  fieldText,
  isUnapprovedDraft,
  versionFacts,
  versionHeadline,
} from "./export-metadata.js";
import { assertExportableVersion, type VersionExport } from "./version-export.js";

// HTML export of a policy version: a standalone, print-ready page (renderStandaloneHtml) with the
// same facts and approval record as the Markdown, Word and PDF files, worded once in
// export-metadata.ts. The title is the page's <h1>, the policy's sections start at <h2> (as on the
// public page), and the approval record follows the text as an <h2> of its own.

function approvalSection(version: VersionExport): string {
  const summary = approvalSummary(version.approval);
  const groups = summary.groups
    .map((group) => `<h3>${escapeHtml(group.title)}</h3>\n<ul>${group.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("\n")}</ul>`)
    .join("\n");
  return `<section class="approval-record" aria-labelledby="approval-record">
<h2 id="approval-record">${escapeHtml(approvalHeading)}</h2>
<p>${escapeHtml(summary.status)}</p>
${groups}
</section>`;
}

/**
 * The HTML file of a policy version: "Draft — not approved" above the title of a version without an
 * approval record, the title, the version's headline and facts (time, who saved it, SHA-256 content
 * hash…), the policy text, then the approval record. Throws like exportMarkdown
 * for a malformed version.
 */
export function exportHtml(version: VersionExport): string {
  assertExportableVersion(version);
  return renderStandaloneHtml({
    title: fieldText(version.policyTitle),
    ...(isUnapprovedDraft(version) ? { notice: { mark: draftMark, text: draftExplanation } } : {}),
    subtitleLines: [versionHeadline(version), ...versionFacts(version).map((fact) => `${fact.label}: ${fact.value}`)],
    bodyHtml: `${renderPolicyHtml(version.document)}\n${approvalSection(version)}`,
  });
}
