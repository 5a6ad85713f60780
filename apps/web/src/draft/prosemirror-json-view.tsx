import type { ComponentChild, ComponentChildren } from "preact";

/**
 * Renders stored ProseMirror JSON as read-only HTML, without a ProseMirror schema or editor: the
 * shared schema package is not ready yet, and reading needs none. Everything becomes Preact elements,
 * never innerHTML, so draft text cannot inject markup; links are kept only for web and mail addresses.
 */

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: unknown[];
  marks?: unknown[];
  text?: string;
}

interface JsonMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** Deeper nesting than this is not a real document; it is cut off rather than overflow the stack. */
const maxDepth = 64;

const safeLinkProtocols = new Set(["http:", "https:", "mailto:"]);

function isNode(value: unknown): value is JsonNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function isMark(value: unknown): value is JsonMark {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** The link's address when it is a web or mail address, else null (javascript:, data:, relative, garbage). */
export function safeHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  try {
    const url = new URL(href.trim());
    return safeLinkProtocols.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function wrapInMark(mark: JsonMark, inner: ComponentChild): ComponentChild {
  switch (mark.type) {
    case "strong":
      return <strong>{inner}</strong>;
    case "em":
      return <em>{inner}</em>;
    case "underline":
      return <u>{inner}</u>;
    case "link": {
      const href = safeHref(mark.attrs?.["href"]);
      return href ? <a href={href} rel="noopener noreferrer">{inner}</a> : inner;
    }
    default:
      // Marks this reader does not know (suggestions, comments) leave the text as it is.
      return inner;
  }
}

function renderText(node: JsonNode): ComponentChild {
  const marks = (node.marks ?? []).filter(isMark);
  // The first mark is the outermost, as ProseMirror orders them by schema rank.
  return marks.reduceRight<ComponentChild>((inner, mark) => wrapInMark(mark, inner), node.text ?? "");
}

function renderChildren(node: JsonNode, depth: number): ComponentChildren {
  if (!Array.isArray(node.content) || depth >= maxDepth) return null;
  return node.content.map((child, index) => renderNode(child, depth + 1, index));
}

/** A heading's level in the page: the page title is h1 and the draft sits under an h2, so levels shift by two. */
function headingTag(level: unknown): "h3" | "h4" | "h5" | "h6" {
  const documentLevel = typeof level === "number" && Number.isInteger(level) ? level : 1;
  const pageLevel = Math.min(6, Math.max(3, documentLevel + 2));
  return `h${pageLevel}` as "h3" | "h4" | "h5" | "h6";
}

function renderNode(value: unknown, depth: number, key: number): ComponentChild {
  if (!isNode(value)) return null;
  const children = () => renderChildren(value, depth);
  switch (value.type) {
    case "text":
      return renderText(value);
    case "paragraph":
      return <p key={key}>{children()}</p>;
    case "heading": {
      const Tag = headingTag(value.attrs?.["level"]);
      return <Tag key={key}>{children()}</Tag>;
    }
    case "bullet_list":
      return <ul key={key}>{children()}</ul>;
    case "ordered_list": {
      const order = value.attrs?.["order"];
      const start = typeof order === "number" && Number.isInteger(order) && order !== 1 ? order : undefined;
      return (
        <ol key={key} start={start}>
          {children()}
        </ol>
      );
    }
    case "list_item":
      return <li key={key}>{children()}</li>;
    case "blockquote":
      return <blockquote key={key}>{children()}</blockquote>;
    case "hard_break":
      return <br key={key} />;
    case "horizontal_rule":
      return <hr key={key} />;
    default:
      // Unknown nodes (doc, and any the schema adds later) still show the text they hold.
      return <>{children()}</>;
  }
}

/** True when the document holds any text at all (a new draft is one empty paragraph). */
export function hasText(value: unknown, depth = 0): boolean {
  if (!isNode(value) || depth > maxDepth) return false;
  if (value.type === "text") return typeof value.text === "string" && value.text.length > 0;
  return Array.isArray(value.content) && value.content.some((child) => hasText(child, depth + 1));
}

/** The document as read-only elements. Anything that is not a ProseMirror node renders as nothing. */
export function ProseMirrorJsonView(props: { doc: unknown }) {
  return <>{renderNode(props.doc, 0, 0)}</>;
}
