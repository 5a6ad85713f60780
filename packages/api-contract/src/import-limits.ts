// The limits of a file imported to start a new policy's draft, in one place for both ends: the browser
// checks a chosen file's size before sending it, the request schema and body limit follow from them, and
// the server enforces every one of them. This file imports nothing, so the web app may import its values
// (the one exception to its taking only types from @accord/api-contract).

const megabyte = 1024 * 1024;

/** The limits of an imported Markdown or Word file. Far above any real policy, far below a memory problem. */
export const importLimits = {
  /** The largest Word file (.docx) accepted, in bytes, as chosen (before base64). */
  docxBytes: 2 * megabyte,
  /** The most characters a Markdown file may hold. */
  markdownCharacters: 500_000,
  /**
   * The most a Word file's parts may unpack to, all together, in bytes. Checked against what the zip
   * declares and against what its parts really inflate to (a zip bomb lies in its headers).
   */
  docxUnpackedBytes: 40 * megabyte,
  /** The most parts (zip entries) a Word file may hold; a real one holds a few dozen. */
  docxEntries: 1_000,
  /** The most characters of text the imported draft may hold, whatever the file's kind. */
  documentCharacters: 500_000,
  /** The most blocks (headings, paragraphs, list items, quotes, lists) the imported draft may hold. */
  documentBlocks: 20_000,
} as const;

/** How many base64 characters a file of this many bytes takes. */
export function base64LengthOf(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * The most a request may carry of an imported file: twice the limit, so that a file somewhat too large
 * still reaches the server's check and is refused with a message naming its size (413,
 * `import_too_large`) rather than by the request schema.
 */
export const importRequestLimits = {
  /** The longest Markdown text the request schema takes, in characters. */
  markdownCharacters: 2 * importLimits.markdownCharacters,
  /** The longest base64 of a Word file the request schema takes, in characters. */
  docxBase64Characters: base64LengthOf(2 * importLimits.docxBytes),
} as const;

/**
 * A size in bytes as people read it: "2 MB", "2.1 MB", "640 KB". Rounded up, so that a file even one byte
 * over a limit never reads as the limit itself.
 */
export function describeFileSize(bytes: number): string {
  if (bytes >= megabyte) {
    const tenths = Math.ceil((bytes / megabyte) * 10) / 10;
    return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}
