import { importLimits } from "@accord/api-contract/import-limits";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { ImportRefusal } from "./import-refusal.js";

/** The size of an imported document: characters of text, and blocks (every node but text and line breaks). */
export function importedDocumentSize(node: PolicyNodeJSON): { characters: number; blocks: number } {
  let characters = node.text?.length ?? 0;
  let blocks = node.type === "doc" || node.type === "text" || node.type === "hard_break" ? 0 : 1;
  for (const child of node.content ?? []) {
    const size = importedDocumentSize(child);
    characters += size.characters;
    blocks += size.blocks;
  }
  return { characters, blocks };
}

/**
 * Refuses (422 import_exceeds_limits) an imported document, Markdown or Word alike, that holds more text
 * or more blocks than `importLimits` allow: a small file can still expand into a huge draft (a Word
 * file's compressed text, Markdown's one-character list items), which every editor would then load.
 */
export function checkImportedDocumentSize(document: PolicyNodeJSON, kind: "Word document" | "Markdown file"): void {
  const { characters, blocks } = importedDocumentSize(document);
  if (characters > importLimits.documentCharacters) {
    throw new ImportRefusal(
      "import_exceeds_limits",
      `This ${kind} holds ${characters.toLocaleString("en")} characters of text; an imported policy may hold at most ${importLimits.documentCharacters.toLocaleString("en")}.`,
    );
  }
  if (blocks > importLimits.documentBlocks) {
    throw new ImportRefusal(
      "import_exceeds_limits",
      `This ${kind} makes ${blocks.toLocaleString("en")} paragraphs, headings and list items; an imported policy may have at most ${importLimits.documentBlocks.toLocaleString("en")}.`,
    );
  }
}
