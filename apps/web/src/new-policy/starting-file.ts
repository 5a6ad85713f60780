import type { DraftStart } from "@accord/api-contract";
// The limits themselves, not only their types: the one file of the contract the browser takes values from
// (it imports nothing), so the field refuses before upload exactly what the server would refuse after.
import { describeFileSize, importLimits } from "@accord/api-contract/import-limits";

/** A file chosen to start the draft, read and ready to send. */
export type ImportedStart = Extract<DraftStart, { kind: "markdown" | "docx" }>;

/** The kind of a chosen file by its name (and type), or null when it is neither Markdown nor Word. */
export function importKindOf(file: { name: string; type: string }): "markdown" | "docx" | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".docx")) return "docx";
  if (/\.(md|markdown|mdown|mkd|txt)$/.test(name) || file.type === "text/markdown") return "markdown";
  return null;
}

// Control characters other than tab and line breaks are refused by the server's text rule; a Markdown
// file has no use for them, so they are dropped here rather than refusing the whole file.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Standard base64 of some bytes, in slices so a 2 MB file does not overflow the call stack. */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** The hint under the file field: what may be imported, worded from the shared limits. */
export const startingFileHint =
  `Markdown (.md) up to ${importLimits.markdownCharacters.toLocaleString("en")} characters or Word (.docx) up to ` +
  `${describeFileSize(importLimits.docxBytes)}. Headings, lists, bold, italic and links are kept; anything else becomes plain paragraphs.`;

/**
 * Reads a chosen file into what the server takes, or throws an Error whose message tells the person what
 * to do: a file that is neither Markdown nor Word, or one larger than an imported policy may be. The size
 * is checked before the file is read, so a file far too large is refused at once and never uploaded.
 */
export async function readStartingFile(file: File): Promise<ImportedStart> {
  const kind = importKindOf(file);
  if (!kind) throw new Error(`“${file.name}” is not a Markdown (.md) or Word (.docx) file. Choose one of those.`);
  if (kind === "docx") {
    if (file.size > importLimits.docxBytes) {
      throw new Error(
        `“${file.name}” is ${describeFileSize(file.size)}. A Word file must be at most ${describeFileSize(importLimits.docxBytes)}.`,
      );
    }
    return { kind, fileName: file.name, base64: base64Of(new Uint8Array(await file.arrayBuffer())) };
  }
  // No character (UTF-16 unit, as the limit counts) takes more than three bytes of UTF-8, so a file of more
  // than three bytes per allowed character is too long for certain, and is refused without being read.
  if (file.size > 3 * importLimits.markdownCharacters) throw markdownTooLong(file.name, `is ${describeFileSize(file.size)}`);
  const text = (await file.text()).replace(controlCharacters, "");
  if (text.length > importLimits.markdownCharacters)
    throw markdownTooLong(file.name, `holds ${text.length.toLocaleString("en")} characters`);
  return { kind, fileName: file.name, text };
}

function markdownTooLong(fileName: string, size: string): Error {
  return new Error(
    `“${fileName}” ${size}. A Markdown file must hold at most ${importLimits.markdownCharacters.toLocaleString("en")} characters.`,
  );
}
