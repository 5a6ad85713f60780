import type { PolicyDocumentJSON } from "@accord/policy-schema";
import { exportDocx } from "../../apps/server/src/exports/docx-export.js";
import { buildVersionExport } from "./version-export-fixtures.js";

/**
 * A real Word file (.docx) holding a policy document, written by Accord's own DOCX exporter (headings in
 * Word's heading styles, real Word bulleted and numbered lists, bold, italic and hyperlinks), so that a
 * test can import a file as a drafter would bring one. Besides the document, the file carries what every
 * export does: the title, the version's facts and the "Draft — not approved" header.
 */
export async function wordFileOf(document: PolicyDocumentJSON, policyTitle = "Imported Policy"): Promise<Buffer> {
  return exportDocx(buildVersionExport({ document, policyTitle, policySlug: "imported-policy" }));
}
