import { importLimits } from "@accord/api-contract/import-limits";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { MarkdownImportError, policyDocumentFromMarkdown } from "@accord/policy-schema/markdown-import";
import type { Node } from "prosemirror-model";
import { checkImportedDocumentSize } from "./imported-document-limits.js";
import { ImportRefusal } from "./import-refusal.js";

/**
 * A policy document from an imported Markdown file's text, within `importLimits`: a text longer than
 * the limit is refused before it is parsed (413 import_too_large), and a document that makes more
 * characters or blocks than an imported policy may hold after (422 import_exceeds_limits).
 */
export function policyDocumentFromMarkdownFile(text: string): Node {
  let document: Node;
  try {
    document = policyDocumentFromMarkdown(text, { maxCharacters: importLimits.markdownCharacters });
  } catch (error) {
    if (error instanceof MarkdownImportError) throw new ImportRefusal("import_too_large", error.message);
    throw error;
  }
  checkImportedDocumentSize(document.toJSON() as PolicyNodeJSON, "Markdown file");
  return document;
}
