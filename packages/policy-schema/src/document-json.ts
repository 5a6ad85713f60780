import type { HeadingLevel } from "./schema.js";

// These types describe the ProseMirror JSON of a policy document as it is stored in a version
// and sent over the API. They are plain JSON on purpose: the server hashes, stores and numbers
// it without building a ProseMirror Node. Nothing here proves the JSON fits the schema; only
// parsePolicyDocument does.

/** A JSON attribute value (policy attributes are numbers, strings or null). */
export type PolicyAttrValue = string | number | boolean | null;

/** A mark in ProseMirror JSON, e.g. `{ type: "link", attrs: { href: "https://…" } }`. */
export interface PolicyMarkJSON {
  readonly type: string;
  readonly attrs?: { readonly [name: string]: PolicyAttrValue };
}

/** A node in ProseMirror JSON, e.g. `{ type: "paragraph", content: [{ type: "text", text: "…" }] }`. */
export interface PolicyNodeJSON {
  readonly type: string;
  readonly attrs?: { readonly [name: string]: PolicyAttrValue };
  readonly content?: readonly PolicyNodeJSON[];
  readonly marks?: readonly PolicyMarkJSON[];
  readonly text?: string;
}

/** The top node of a policy document in ProseMirror JSON. */
export interface PolicyDocumentJSON extends PolicyNodeJSON {
  readonly type: "doc";
  readonly content: readonly PolicyNodeJSON[];
}

/** What an inline builder accepts: a string is plain text, anything else an inline node. */
export type InlineInput = string | PolicyNodeJSON;

// Builders: small factories for policy JSON, used by the demo documents and by tests, so that
// a document reads like its outline instead of like nested braces.

function inline(parts: readonly InlineInput[]): PolicyNodeJSON[] {
  // Empty strings are dropped because ProseMirror refuses empty text nodes.
  return parts.filter((part) => part !== "").map((part) => (typeof part === "string" ? { type: "text", text: part } : part));
}

/** Builds a doc node from blocks. */
export function docJSON(...blocks: PolicyNodeJSON[]): PolicyDocumentJSON {
  return { type: "doc", content: blocks };
}

/** Builds a heading of the given level; its number is computed, so only the title is given. */
export function headingJSON(level: HeadingLevel, ...parts: InlineInput[]): PolicyNodeJSON {
  return { type: "heading", attrs: { level }, content: inline(parts) };
}

/** Builds a paragraph from text and inline nodes. */
export function paragraphJSON(...parts: InlineInput[]): PolicyNodeJSON {
  const content = inline(parts);
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** Builds a blockquote from blocks. */
export function blockquoteJSON(...blocks: PolicyNodeJSON[]): PolicyNodeJSON {
  return { type: "blockquote", content: blocks };
}

/** Builds a list item from blocks; the first must be a paragraph. */
export function listItemJSON(...blocks: PolicyNodeJSON[]): PolicyNodeJSON {
  return { type: "list_item", content: blocks };
}

/** What a list builder accepts as an item: text, a paragraph, or a whole list item. */
export type ListItemInput = string | PolicyNodeJSON;

// Most list items are one paragraph, so text and paragraphs are wrapped in a list item; an item
// with more (a nested list) is given as listItemJSON(...).
function listItem(item: ListItemInput): PolicyNodeJSON {
  if (typeof item === "string") return listItemJSON(paragraphJSON(item));
  return item.type === "list_item" ? item : listItemJSON(item);
}

/** Builds a bullet list from items (text, paragraphs or list items). */
export function bulletListJSON(...items: ListItemInput[]): PolicyNodeJSON {
  return { type: "bullet_list", content: items.map(listItem) };
}

/** Builds an ordered list starting at 1 from items (text, paragraphs or list items). */
export function orderedListJSON(...items: ListItemInput[]): PolicyNodeJSON {
  return { type: "ordered_list", attrs: { order: 1 }, content: items.map(listItem) };
}

/** Builds a text node carrying the given marks. */
export function markedTextJSON(text: string, ...marks: PolicyMarkJSON[]): PolicyNodeJSON {
  return { type: "text", text, marks };
}

/** Builds bold text. */
export function strongJSON(text: string): PolicyNodeJSON {
  return markedTextJSON(text, { type: "strong" });
}

/** Builds italic text. */
export function emJSON(text: string): PolicyNodeJSON {
  return markedTextJSON(text, { type: "em" });
}

/** Builds underlined text. */
export function underlineJSON(text: string): PolicyNodeJSON {
  return markedTextJSON(text, { type: "underline" });
}

/** Builds linked text; the href is checked only when the document is parsed. */
export function linkJSON(text: string, href: string, title: string | null = null): PolicyNodeJSON {
  return markedTextJSON(text, { type: "link", attrs: { href, title } });
}

/** Builds an e-mail address linked to itself with a mailto: href. */
export function emailLinkJSON(address: string): PolicyNodeJSON {
  return linkJSON(address, `mailto:${address}`);
}

/** Builds a line break inside a paragraph. */
export function hardBreakJSON(): PolicyNodeJSON {
  return { type: "hard_break" };
}
