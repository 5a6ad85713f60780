import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { MarkdownParser } from "prosemirror-markdown";
import type { Node } from "prosemirror-model";
import { isAllowedHref } from "./safe-href.js";
import { policySchema } from "./schema.js";
import { parsePolicyDocument } from "./validate.js";

// Markdown to a policy document, with markdown-it (CommonMark) and prosemirror-markdown's parser.
//
// What is kept: headings (h1 to h3; h4 to h6 become lettered clauses, as on paste), paragraphs, bullet
// and numbered lists (with their start number), quotes, line breaks, emphasis, bold and links whose
// address the schema's link rule allows. Everything else becomes plain text in a paragraph: code blocks
// (one line per line), inline code, an image's description, tables (CommonMark has none: their pipes
// stay as text). Raw HTML is not HTML here (markdown-it's `html: false`), so `<script>` arrives as the
// literal words, never as markup; a link to `javascript:`, a relative address or anything else the link
// rule refuses keeps its words and loses the link. Thematic breaks are dropped.
//
// prosemirror-markdown silently drops a node whose content the schema refuses (a heading inside a quote
// or a list would take its whole quote or list with it), so the token stream is rewritten first into
// tokens this schema takes: a heading below the top level becomes a paragraph.

/** A Markdown text that cannot become a policy document: its message says why, for the person importing. */
export class MarkdownImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MarkdownImportError";
  }
}

const containerOpenings = new Set(["blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"]);
const containerClosings = new Set(["blockquote_close", "bullet_list_close", "ordered_list_close", "list_item_close"]);
const keptBlockTokens = new Set([
  ...containerOpenings,
  ...containerClosings,
  "paragraph_open",
  "paragraph_close",
  "heading_open",
  "heading_close",
  "inline",
]);
const keptInlineTokens = new Set(["text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close"]);

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}

// A paragraph holding `text` as plain text, its lines kept as line breaks.
function plainParagraph(state: StateCore, text: string): Token[] {
  const inline = new state.Token("inline", "", 0);
  inline.children = [];
  text
    .replace(/\n$/, "")
    .split("\n")
    .forEach((line, index) => {
      if (index > 0) inline.children!.push(new state.Token("hardbreak", "br", 0));
      inline.children!.push(textToken(state, line));
    });
  return [new state.Token("paragraph_open", "p", 1), inline, new state.Token("paragraph_close", "p", -1)];
}

// The inline tokens of one block, reduced to text, breaks, emphasis, bold and allowed links.
function keptInline(state: StateCore, children: readonly Token[]): Token[] {
  const kept: Token[] = [];
  // One entry per open link: whether it was kept, so its closing token follows its opening.
  const links: boolean[] = [];
  for (const token of children) {
    if (keptInlineTokens.has(token.type)) kept.push(token);
    else if (token.type === "link_open") {
      const allowed = isAllowedHref(token.attrGet("href") ?? "");
      links.push(allowed);
      if (allowed) kept.push(token);
    } else if (token.type === "link_close") {
      if (links.pop()) kept.push(token);
    } else if (token.type === "image") {
      // An image's description is its words; the picture itself has no place in a policy's text.
      const description = (token.children ?? []).map((child) => child.content).join("");
      if (description) kept.push(textToken(state, description));
    } else if (token.content) kept.push(textToken(state, token.content));
  }
  return kept;
}

/** markdown-it's tokens rewritten into those the policy schema takes (see the comment at the top). */
function keptTokens(state: StateCore): Token[] {
  const kept: Token[] = [];
  let containerDepth = 0;
  // Whether each open heading was turned into a paragraph, so its closing token is turned too.
  const headings: boolean[] = [];
  for (const token of state.tokens) {
    if (containerOpenings.has(token.type)) containerDepth++;
    if (containerClosings.has(token.type)) containerDepth--;
    if (token.type === "heading_open") {
      headings.push(containerDepth > 0);
      if (containerDepth > 0) {
        kept.push(new state.Token("paragraph_open", "p", 1));
        continue;
      }
    } else if (token.type === "heading_close") {
      if (headings.pop()) {
        kept.push(new state.Token("paragraph_close", "p", -1));
        continue;
      }
    }
    if (token.type === "inline") {
      token.children = keptInline(state, token.children ?? []);
      kept.push(token);
    } else if (keptBlockTokens.has(token.type)) kept.push(token);
    else if (token.content.trim()) kept.push(...plainParagraph(state, token.content));
  }
  return kept;
}

function buildTokenizer(): MarkdownIt {
  const markdown = new MarkdownIt("commonmark", { html: false });
  markdown.core.ruler.push("accord_policy_tokens", (state) => {
    state.tokens = keptTokens(state);
    return true;
  });
  return markdown;
}

function headingLevelOf(token: Token): { level: number } {
  return { level: Math.min(Number(token.tag.slice(1)) || 1, 3) };
}

const policyMarkdownParser = new MarkdownParser(policySchema, buildTokenizer(), {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: { block: "bullet_list" },
  ordered_list: { block: "ordered_list", getAttrs: (token) => ({ order: Number(token.attrGet("start")) || 1 }) },
  heading: { block: "heading", getAttrs: headingLevelOf },
  hardbreak: { node: "hard_break" },
  em: { mark: "em" },
  strong: { mark: "strong" },
  link: { mark: "link", getAttrs: (token) => ({ href: token.attrGet("href"), title: token.attrGet("title") || null }) },
});

/**
 * A policy document from Markdown (CommonMark): headings, lists, quotes, emphasis, bold and allowed
 * links kept, everything else as plain paragraphs. The result has passed the schema's own checks
 * (parsePolicyDocument). Throws MarkdownImportError for a text longer than `limits.maxCharacters`, checked
 * before parsing: the caller passes the import limits (the server: `importLimits` of @accord/api-contract).
 */
export function policyDocumentFromMarkdown(markdown: string, limits: { maxCharacters: number }): Node {
  if (markdown.length > limits.maxCharacters) {
    throw new MarkdownImportError(
      `The file holds ${markdown.length.toLocaleString("en")} characters of text; an imported policy may hold at most ${limits.maxCharacters.toLocaleString("en")}.`,
    );
  }
  // A byte-order mark or NUL characters are not text: the first would become a stray character, the second
  // is refused by PostgreSQL's text columns.
  const text = markdown.replace(/^\uFEFF/, "").replace(/\0/g, "");
  return parsePolicyDocument(policyMarkdownParser.parse(text).toJSON());
}
