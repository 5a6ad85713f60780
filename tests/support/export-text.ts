import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { SaxesParser } from "saxes";
import { normalizeWhitespace } from "./version-export-fixtures.js";

// The words of an exported file as a reader gets them, each read by a standard library rather than
// by the code that wrote it: unpdf (pdf.js) for a PDF, mammoth for Word, an XML parser for HTML.

/** The text of an exported file in any format, whitespace collapsed. */
export async function exportedText(format: "md" | "html" | "pdf" | "docx", body: Buffer | string): Promise<string> {
  switch (format) {
    case "md":
      return normalizeWhitespace(body.toString());
    case "html":
      return normalizeWhitespace(textOfHtml(body.toString()));
    case "docx":
      return normalizeWhitespace((await mammoth.extractRawText({ buffer: Buffer.from(body) })).value);
    case "pdf": {
      const pdf = await getDocumentProxy(new Uint8Array(Buffer.from(body)));
      return normalizeWhitespace((await extractText(pdf, { mergePages: true })).text);
    }
  }
}

// The text of the page's body, read as XHTML (Accord writes its HTML XHTML-compatible: see strict-markup.ts).
function textOfHtml(html: string): string {
  const parts: string[] = [];
  let inBody = false;
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => (inBody ||= tag.name === "body"));
  parser.on("text", (text) => inBody && parts.push(text));
  parser.write(html.replace(/^<!doctype html>/i, "").replace(/<(meta|link|br|hr)\b([^>]*?)\/?>/gi, "<$1$2/>")).close();
  return parts.join(" ");
}
