import { describeFileSize, importLimits } from "@accord/api-contract/import-limits";
import { isAllowedHref, parsePolicyDocument, type PolicyMarkJSON, type PolicyNodeJSON } from "@accord/policy-schema";
import mammoth from "mammoth";
import type { Node } from "prosemirror-model";
import { SaxesParser } from "saxes";
import { checkDocxZip, notWordFile } from "./docx-zip-check.js";
import { checkImportedDocumentSize } from "./imported-document-limits.js";
import { ImportRefusal } from "./import-refusal.js";

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

/**
 * A policy document from a DOCX file's bytes (see the comment at the top). Throws ImportRefusal for a file
 * larger than `importLimits` allow (import_too_large), one that is not a Word document or whose zip lies
 * in its headers (import_unreadable, checked by `checkDocxZip` before mammoth unpacks anything), or one that
 * unpacks to, or makes, more than an imported policy may hold (import_exceeds_limits).
 */
export async function policyDocumentFromDocx(file: Uint8Array): Promise<Node> {
  if (file.length > importLimits.docxBytes) {
    throw new ImportRefusal(
      "import_too_large",
      `This Word document is ${describeFileSize(file.length)}; an imported file may be at most ${describeFileSize(importLimits.docxBytes)}.`,
    );
  }
  await checkDocxZip(file);
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
    throw new ImportRefusal("import_unreadable", notWordFile);
  }
  let tree: HtmlElement;
  try {
    tree = parseHtmlTree(html);
  } catch {
    throw new ImportRefusal(
      "import_unreadable",
      "This Word document could not be read. Save it again as .docx or as Markdown (.md) and try again.",
    );
  }
  const blocks = blocksOf(tree.children, true);
  const document: PolicyNodeJSON = { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] };
  checkImportedDocumentSize(document, "Word document");
  return parsePolicyDocument(document);
}
