import { isAllowedHref, parsePolicyDocument, type PolicyMarkJSON, type PolicyNodeJSON } from "@accord/policy-schema";
import { markdownImportMaxCharacters } from "@accord/policy-schema/markdown-import";
import mammoth from "mammoth";
import type { Node } from "prosemirror-model";
import { SaxesParser } from "saxes";

// A Word file (DOCX) to a policy document: mammoth turns the file into plain HTML (headings, paragraphs,
// lists, tables, bold, italic, underline, links, images), and that HTML, which mammoth writes as
// well-formed XML with its text escaped, is read here with a strict XML parser into the policy schema's
// JSON with the same rules as the Markdown import: h1 to h3 kept (h4 to h6 as lettered clauses), a heading
// below the top level as a paragraph, lists with their nesting, quotes, bold, italic, underline, links
// only where the schema's link rule allows the address, an image as its description, tables and anything
// else as plain paragraphs. The result then passes the schema's own checks (parsePolicyDocument).
//
// mammoth's Markdown writer is not used: it is deprecated, and it writes a bold or italic run that ends
// in a space as `*text *`, which CommonMark does not read as emphasis.

/** The largest DOCX file accepted, in bytes. */
export const docxImportMaxBytes = 2 * 1024 * 1024;

/**
 * The most the parts of a DOCX file may unpack to, in bytes, as its zip directory declares them: a small
 * file that unpacks to gigabytes (a zip bomb) is refused before anything is unpacked.
 */
export const docxImportMaxUnpackedBytes = 40 * 1024 * 1024;

/** A file that cannot become a policy document: its message says why, for the person importing. */
export class DocxImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocxImportError";
  }
}

const notWordFile = "This file is not a Word document (.docx). Save it as .docx or as Markdown (.md) and try again.";

/** The sizes a zip file's central directory declares for its entries, unpacked, summed; throws if it is not a zip. */
function declaredUnpackedBytes(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  // The end-of-central-directory record is in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let offset = file.length - 22; offset >= Math.max(0, file.length - 22 - 65_535); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new DocxImportError(notWordFile);
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > file.length || view.getUint32(offset, true) !== 0x02014b50) throw new DocxImportError(notWordFile);
    const unpacked = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means the real size is in a ZIP64 field: no Word document needs four gigabytes.
    if (unpacked === 0xffffffff) throw new DocxImportError("This Word document is too large to import.");
    total += unpacked;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

interface HtmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (HtmlElement | string)[];
}

function parseHtmlTree(html: string): HtmlElement {
  const root: HtmlElement = { name: "root", attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = { ...tag.attributes };
    const element: HtmlElement = { name: tag.name.toLowerCase(), attributes, children: [] };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => stack.at(-1)!.children.push(text));
  parser.on("closetag", () => stack.pop());
  // One element around mammoth's HTML, which is a sequence of elements with no root of its own.
  parser.write(`<body>${html}</body>`).close();
  const body = root.children[0];
  if (typeof body !== "object") throw new Error("mammoth's HTML had no content.");
  return body;
}

const blockElements = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "blockquote",
  "table",
  "thead",
  "tbody",
  "tr",
  "td",
  "th",
  "div",
]);
const markOfElement: Readonly<Record<string, string>> = { strong: "strong", b: "strong", em: "em", i: "em", u: "underline" };

function withMark(marks: readonly PolicyMarkJSON[], mark: PolicyMarkJSON): PolicyMarkJSON[] {
  return [...marks.filter((existing) => existing.type !== mark.type), mark];
}

function inlineNodes(node: HtmlElement | string, marks: readonly PolicyMarkJSON[]): PolicyNodeJSON[] {
  if (typeof node === "string") return node === "" ? [] : [{ type: "text", text: node, ...(marks.length ? { marks } : {}) }];
  if (node.name === "br") return [{ type: "hard_break" }];
  if (node.name === "img") {
    const description = node.attributes["alt"]?.trim();
    return description ? inlineNodes(description, marks) : [];
  }
  let inner = marks;
  const markType = markOfElement[node.name];
  if (markType) inner = withMark(marks, { type: markType });
  if (node.name === "a") {
    const href = node.attributes["href"] ?? "";
    if (isAllowedHref(href)) inner = withMark(marks, { type: "link", attrs: { href, title: null } });
  }
  return node.children.flatMap((child) => inlineNodes(child, inner));
}

function paragraphOf(inline: PolicyNodeJSON[]): PolicyNodeJSON {
  return inline.length ? { type: "paragraph", content: inline } : { type: "paragraph" };
}

function isBlank(inline: readonly PolicyNodeJSON[]): boolean {
  return inline.every((node) => node.type === "text" && node.text!.trim() === "");
}

/** The blocks of an element's children: inline runs between blocks become paragraphs. */
function blocksOf(children: readonly (HtmlElement | string)[], topLevel: boolean): PolicyNodeJSON[] {
  const blocks: PolicyNodeJSON[] = [];
  let pending: PolicyNodeJSON[] = [];
  const flush = () => {
    if (!isBlank(pending)) blocks.push(paragraphOf(pending));
    pending = [];
  };
  for (const child of children) {
    if (typeof child === "string" || !blockElements.has(child.name)) {
      pending.push(...inlineNodes(child, []));
      continue;
    }
    flush();
    blocks.push(...blockNodes(child, topLevel));
  }
  flush();
  return blocks;
}

function listItem(element: HtmlElement): PolicyNodeJSON {
  const content = blocksOf(element.children, false);
  if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
  return { type: "list_item", content };
}

function blockNodes(element: HtmlElement, topLevel: boolean): PolicyNodeJSON[] {
  const heading = /^h([1-6])$/.exec(element.name);
  if (heading) {
    const inline = inlineNodes({ ...element, name: "span" }, []);
    if (!topLevel) return isBlank(inline) ? [] : [paragraphOf(inline)];
    return [{ type: "heading", attrs: { level: Math.min(Number(heading[1]), 3) }, ...(inline.length ? { content: inline } : {}) }];
  }
  if (element.name === "p") return [paragraphOf(inlineNodes({ ...element, name: "span" }, []))];
  if (element.name === "ul" || element.name === "ol") {
    const items = element.children.filter((child): child is HtmlElement => typeof child !== "string" && child.name === "li").map(listItem);
    if (items.length === 0) return [];
    return [
      element.name === "ul" ? { type: "bullet_list", content: items } : { type: "ordered_list", attrs: { order: 1 }, content: items },
    ];
  }
  if (element.name === "blockquote") {
    const content = blocksOf(element.children, false);
    return content.length ? [{ type: "blockquote", content }] : [];
  }
  // Tables, their rows and cells, a list item out of its list, a division: their content as plain blocks.
  return blocksOf(element.children, topLevel);
}

function characterCount(node: PolicyNodeJSON): number {
  return (node.text?.length ?? 0) + (node.content ?? []).reduce((sum, child) => sum + characterCount(child), 0);
}

/**
 * A policy document from a DOCX file's bytes (see the comment at the top). Throws DocxImportError for a
 * file that is not a Word document, is too large, or unpacks to too much.
 */
export async function policyDocumentFromDocx(file: Uint8Array): Promise<Node> {
  if (file.length > docxImportMaxBytes) {
    throw new DocxImportError(`This Word document is ${(file.length / 1024 / 1024).toFixed(1)} MB; an imported file may be at most 2 MB.`);
  }
  if (declaredUnpackedBytes(file) > docxImportMaxUnpackedBytes) {
    throw new DocxImportError("This Word document unpacks to more than 40 MB, far more than any policy's text: it was not imported.");
  }
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: Buffer.from(file.buffer, file.byteOffset, file.byteLength) },
        // mammoth drops underline unless told; drafters use it for emphasis they do not want bold.
        { styleMap: ["u => u"] },
      )
    ).value;
  } catch {
    throw new DocxImportError(notWordFile);
  }
  let tree: HtmlElement;
  try {
    tree = parseHtmlTree(html);
  } catch {
    throw new DocxImportError("This Word document could not be read. Save it again as .docx or as Markdown (.md) and try again.");
  }
  const blocks = blocksOf(tree.children, true);
  const document: PolicyNodeJSON = { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] };
  if (characterCount(document) > markdownImportMaxCharacters) {
    throw new DocxImportError(
      `This Word document holds more than ${markdownImportMaxCharacters.toLocaleString("en")} characters of text, more than an imported policy may hold.`,
    );
  }
  return parsePolicyDocument(document);
}
