import { AccordError, type JsonValue } from "@accord/domain";
import { findPolicyTemplate, type PolicyDocumentJSON } from "@accord/policy-schema";
import { emptyPolicyDocument } from "../../drafts/yjs-draft.js";
import { policyDocumentFromDocx } from "../../imports/docx-import.js";
import { ImportRefusal } from "../../imports/import-refusal.js";
import { policyDocumentFromMarkdownFile } from "../../imports/markdown-file-import.js";

/** How a new policy's draft starts: empty, from a template, or from an imported Markdown or Word file. */
export type DraftStart =
  | { kind: "empty" }
  | { kind: "template"; templateId: string }
  | { kind: "markdown"; fileName: string; text: string }
  | { kind: "docx"; fileName: string; base64: string };

/** A new draft's first content, with what the audit record says of where it came from. */
export interface StartingDraft {
  document: unknown;
  origin: { [key: string]: JsonValue };
}

function templateRefused(field: string, message: string): AccordError {
  return new AccordError("validation_failed", message, { fields: [{ path: field, message }] });
}

/**
 * The content a new policy's draft starts with. Imports are converted here, before any transaction, so a
 * file that cannot be imported is refused with nothing written: with the catalogue's import code (413
 * import_too_large, 422 import_unreadable or import_exceeds_limits), naming the file, its field and what
 * was wrong with it.
 */
export async function startingDraft(start: DraftStart | undefined): Promise<StartingDraft> {
  if (!start || start.kind === "empty") return { document: emptyPolicyDocument, origin: { kind: "empty" } };
  if (start.kind === "template") {
    const template = findPolicyTemplate(start.templateId);
    if (!template) throw templateRefused("/start/templateId", `There is no template "${start.templateId}".`);
    return { document: template.document satisfies PolicyDocumentJSON, origin: { kind: "template", templateId: template.id } };
  }
  try {
    if (start.kind === "markdown") {
      return { document: policyDocumentFromMarkdownFile(start.text).toJSON(), origin: { kind: "markdown", fileName: start.fileName } };
    }
    const bytes = Buffer.from(start.base64, "base64");
    return { document: (await policyDocumentFromDocx(bytes)).toJSON(), origin: { kind: "docx", fileName: start.fileName } };
  } catch (error) {
    if (!(error instanceof ImportRefusal)) throw error;
    const message = `“${start.fileName}”: ${error.message}`;
    throw new AccordError(error.code, message, {
      fields: [{ path: start.kind === "markdown" ? "/start/text" : "/start/base64", message }],
    });
  }
}
