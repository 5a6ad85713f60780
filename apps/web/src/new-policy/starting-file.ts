import type { DraftStart } from "@accord/api-contract";

/** The largest Markdown file read, in characters (the server's limit for an imported text). */
export const markdownMaxCharacters = 500_000;
/** The largest Word file read, in bytes (the server's limit). */
export const docxMaxBytes = 2 * 1024 * 1024;

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

/**
 * Reads a chosen file into what the server takes, or throws an Error whose message tells the person what
 * to do: a file that is neither Markdown nor Word, or one larger than an imported policy may be.
 */
export async function readStartingFile(file: File): Promise<ImportedStart> {
  const kind = importKindOf(file);
  if (!kind) throw new Error(`“${file.name}” is not a Markdown (.md) or Word (.docx) file. Choose one of those.`);
  if (kind === "docx") {
    if (file.size > docxMaxBytes) {
      throw new Error(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB. A Word file must be at most 2 MB.`);
    }
    return { kind, fileName: file.name, base64: base64Of(new Uint8Array(await file.arrayBuffer())) };
  }
  const text = (await file.text()).replace(controlCharacters, "");
  if (text.length > markdownMaxCharacters) {
    throw new Error(`“${file.name}” holds ${text.length.toLocaleString("en")} characters. A Markdown file must hold at most 500,000.`);
  }
  return { kind, fileName: file.name, text };
}
