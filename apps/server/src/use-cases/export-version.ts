import { renderPolicyHtml, renderStandaloneHtml } from "@accord/policy-render";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { CurrentUser } from "../auth/sessions.js";
import { exportDocx, exportMarkdown, exportPdf, type VersionExport } from "../exports/index.js";
import type { UseCaseContext } from "./context.js";
import { findApprovalRecord } from "./approval-record.js";
import { getVersion } from "./get-version.js";

/** The formats a version can be exported to. */
export const exportFormats = ["html", "md", "pdf", "docx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const contentTypes: Record<ExportFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** A file to download. */
export interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/**
 * A version as a file. Every format carries the title, version number, date and content hash; the
 * approval record joins them once the sign-off workflow has one.
 */
export async function exportVersion(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
  number: number,
  format: ExportFormat,
): Promise<ExportedFile> {
  const { policy, version, content } = await getVersion(ctx, user, policyId, number);
  const description: VersionExport = {
    policyTitle: policy.title,
    policySlug: policy.slug,
    versionNumber: version.number,
    versionLabel: version.label,
    savedAt: new Date(version.created_at),
    authorName: version.author_name ?? "Unknown",
    contentHash: version.content_hash,
    document: content as unknown as PolicyNodeJSON,
    approval: await findApprovalRecord(ctx.db, policy.id, version.number),
  };
  const filename = `${policy.slug}-v${version.number}.${format}`;
  const body = await renderExport(description, format);
  return { filename, contentType: contentTypes[format], body };
}

async function renderExport(description: VersionExport, format: ExportFormat): Promise<Buffer | string> {
  switch (format) {
    case "md":
      return exportMarkdown(description);
    case "docx":
      return exportDocx(description);
    case "pdf":
      return exportPdf(description);
    case "html":
      return renderStandaloneHtml({
        title: description.policyTitle,
        subtitleLines: [
          `Version ${description.versionNumber}: ${description.versionLabel}`,
          `Saved ${description.savedAt.toISOString().slice(0, 10)} by ${description.authorName}`,
          `SHA-256 of the canonical text: ${description.contentHash}`,
          ...approvalLines(description),
        ],
        bodyHtml: renderPolicyHtml(description.document),
      });
  }
}

/** The approval record in a few lines, for the standalone HTML export's header. */
function approvalLines(description: VersionExport): string[] {
  const approval = description.approval;
  if (!approval) return ["Not yet approved."];
  return [
    ...approval.signOffs.map((signOff) => `Signed off (${signOff.affiliation}): ${signOff.names.join(", ")}`),
    ...approval.decisions.map(
      (decision) => `${decision.body}: ${decision.decision} on ${decision.decidedOn}, ${decision.meetingReference} (recorded by ${decision.representative})`,
    ),
    ...(approval.effectiveOn ? [`Published, effective ${approval.effectiveOn}`] : []),
  ];
}
