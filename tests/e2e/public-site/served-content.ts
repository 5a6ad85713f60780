import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repositoryRoot } from "../accord-process.js";

// Reading what the public site serves as a plain client would: hashes, canonical JSON, links in raw
// markup, the text of a PDF.

/** RFC 8785 for these documents (integers, ASCII keys): sorted keys, no white space. */
export function canonicalize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalize(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 of bytes or text, in hex, as the pages show a content hash. */
export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Decodes the character references an attribute value may hold, as the HTML parser would. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_match, decimal: string) => String.fromCodePoint(parseInt(decimal, 10)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n")
    .replace(/&quot;/gi, '"')
    .replace(/&apos;/gi, "'")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&amp;/gi, "&");
}

/**
 * Every href attribute value in raw HTML or XML, decoded. Only inside real tags: escaped text such as
 * `&lt;a href=&quot;javascript:…` has no `<`, so it is never taken for a tag.
 */
export function hrefsIn(markup: string): string[] {
  const found: string[] = [];
  for (const tag of markup.matchAll(/<[a-z][^>]*>/gi)) {
    // Attributes in order, each value consumed whole, so " href=" inside another attribute's quoted
    // value (a meta description quoting hostile text) is that value's text, not an attribute.
    for (const match of tag[0].matchAll(/\s([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      if (match[1]!.toLowerCase() === "href") found.push(decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
    }
  }
  return found;
}

/** The text of a PDF, through unpdf (the server's own test dependency). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const serverRequire = createRequire(path.join(repositoryRoot, "apps/server/package.json"));
  const unpdf = (await import(pathToFileURL(serverRequire.resolve("unpdf")).href)) as {
    getDocumentProxy(data: Uint8Array): Promise<unknown>;
    extractText(pdf: unknown, options: { mergePages: true }): Promise<{ text: string }>;
  };
  const { text } = await unpdf.extractText(await unpdf.getDocumentProxy(bytes), { mergePages: true });
  return text;
}
