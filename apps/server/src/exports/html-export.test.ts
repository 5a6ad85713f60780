import { describe, expect, it } from "vitest";
import { exportHtml } from "./html-export.js";
import { buildVersionExport, sampleApproval, sampleContentHash } from "@accord/test-support/version-export-fixtures.js";

describe("exportHtml", () => {
  const draft = exportHtml(buildVersionExport());

  it("opens a version that is not approved with the notice that it is a draft, above the title", () => {
    const notice =
      '<p class="document-notice" role="note"><strong>Draft — not approved.</strong> This version has not been approved by the required bodies and is not policy in force.</p>';
    expect(draft).toContain(notice);
    expect(draft.indexOf(notice)).toBeLessThan(draft.indexOf("<h1>Body-Worn Camera Policy</h1>"));
  });

  it("names the person who saved the version as such, with the hash", () => {
    expect(draft).toContain('<p class="document-subtitle">Saved by: Avery Facilitator</p>');
    expect(draft).not.toContain("Author");
    expect(draft).toContain(sampleContentHash);
  });

  it("carries no draft notice for an approved version", () => {
    const approved = exportHtml(buildVersionExport({ approval: sampleApproval }));
    expect(approved).not.toContain('document-notice"');
    expect(approved).not.toContain("not approved");
    expect(approved).toContain("Approved by Board of Police Commissioners and Police Union.");
  });

  it("gives the same text for the same version", () => {
    expect(exportHtml(buildVersionExport())).toBe(draft);
  });
});
