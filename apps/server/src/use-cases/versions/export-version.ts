import { AccordError } from "@accord/domain";
import type { ExportFormat } from "@accord/api-contract";
import type { CurrentUser } from "../../auth/sessions.js";
import { exportDocx, exportHtml, exportMarkdown, exportPdf, type VersionExport } from "../../exports/index.js";
import type { UseCaseContext } from "../context.js";
import { findVersionExport } from "./find-version-export.js";
import { loadPolicyFor } from "../../access/policy-access.js";

// The formats a version can be exported to are part of the API's addresses: one list, in the contract.
export { exportFormats, type ExportFormat } from "@accord/api-contract";

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
 * A version as a file. Every format carries the title, version number, when and by whom it was
 * saved, the content hash and, once it is approved, the same approval record as the public page;
 * what it prints comes from findVersionExport, as the public site's PDF does.
 */
export async function exportVersion(
  ctx: UseCaseContext,
  user: CurrentUser,
  policyId: string,
  number: number,
  format: ExportFormat,
): Promise<ExportedFile> {
  const { policy } = await loadPolicyFor(ctx.db, user, policyId, "policy.read");
  const description = await findVersionExport(ctx.db, policy.id, number);
  if (!description) throw new AccordError("not_found", `This policy has no version ${number}.`);
  const filename = `${policy.slug}-v${description.versionNumber}.${format}`;
  const body = await renderExport(description, format);
  return { filename, contentType: contentTypes[format], body };
}

/** The file of a version in one format. */
export async function renderExport(description: VersionExport, format: ExportFormat): Promise<Buffer | string> {
  switch (format) {
    case "md":
      return exportMarkdown(description);
    case "docx":
      return exportDocx(description);
    case "pdf":
      return exportPdf(description);
    case "html":
      return exportHtml(description);
  }
}
