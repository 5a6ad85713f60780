import {
  isAllowedHref,
  linkRel,
  numberSectionsJSON,
  parsePolicyDocument,
  type PolicyMarkJSON,
  type PolicyMarkName,
  type PolicyNodeJSON,
  type PolicyNodeName,
  type SectionNumber,
} from "@accord/policy-schema";
import { escapeHtml } from "./escape-html.js";
import { withoutDisallowedLinks } from "./disallowed-links.js";

/** A parsed ProseMirror document of the policy schema (what parsePolicyDocument returns). */
export type PolicyDocumentNode = ReturnType<typeof parsePolicyDocument>;

/** How renderPolicyHtml lays out headings. */
export interface RenderPolicyOptions {
  /**
   * Whether each heading is followed by a "#" permalink to its section (default true), the two wrapped in
   * a `div.section-heading`; off for print and e-mail.
   */
  readonly sectionAnchors?: boolean;
  /**
   * How many levels every heading moves down (default 1): a level-1 heading renders as `<h2>`,
   * because the page's title is its `<h1>`. Must be 0 to 3, so a level-3 heading stays an `<h6>` at most.
   */
  readonly headingOffset?: number;
}

interface RenderContext {
  readonly sectionAnchors: boolean;
  readonly headingOffset: number;
  /** The computed number of each heading, keyed by the heading's JSON object. */
  readonly sections: ReadonlyMap<PolicyNodeJSON, SectionNumber>;
}

type NodeRenderer = (node: PolicyNodeJSON, context: RenderContext) => string;

interface MarkTags {
  readonly open: string;
  readonly close: string;
}

// Blocks inside a container are written without separators; only the document's own blocks go on
// lines of their own, which keeps exports readable without adding whitespace inside lists.
function renderBlocks(node: PolicyNodeJSON, context: RenderContext, separator = ""): string {
  return (node.content ?? []).map((child) => renderNode(child, context)).join(separator);
}

/**
 * One renderer per node type of the schema. The Record type makes the compiler refuse a schema
 * that gains a node type until it is given a renderer here, so nothing can render as nothing.
 */
const nodeRenderers: Record<PolicyNodeName, NodeRenderer> = {
  doc: (node, context) => renderBlocks(node, context, "\n"),
  paragraph: (node, context) => `<p>${renderInline(node, context)}</p>`,
  blockquote: (node, context) => `<blockquote>${renderBlocks(node, context)}</blockquote>`,
  heading: renderHeading,
  ordered_list: (node, context) => {
    const order = node.attrs?.["order"] ?? 1;
    const start = order === 1 ? "" : ` start="${escapeHtml(String(order))}"`;
    return `<ol${start}>${renderBlocks(node, context)}</ol>`;
  },
  bullet_list: (node, context) => `<ul>${renderBlocks(node, context)}</ul>`,
  list_item: (node, context) => `<li>${renderBlocks(node, context)}</li>`,
  text: (node) => escapeHtml(node.text ?? ""),
  hard_break: () => "<br>",
};

/** One renderer per mark type of the schema; as with nodes, the Record type forces completeness. */
const markRenderers: Record<PolicyMarkName, (mark: PolicyMarkJSON) => MarkTags> = {
  link: (mark) => {
    const href = mark.attrs?.["href"];
    const title = mark.attrs?.["title"];
    // Validation already refused bad hrefs; checking again here means that no future path to this
    // function (a renderer reused on unvalidated input) can ever write a dangerous href.
    if (typeof href !== "string" || !isAllowedHref(href)) return { open: "", close: "" };
    const titleAttribute = typeof title === "string" && title !== "" ? ` title="${escapeHtml(title)}"` : "";
    return { open: `<a href="${escapeHtml(href)}"${titleAttribute} rel="${linkRel}">`, close: "</a>" };
  },
  em: () => ({ open: "<em>", close: "</em>" }),
  strong: () => ({ open: "<strong>", close: "</strong>" }),
  underline: () => ({ open: "<u>", close: "</u>" }),
  // A version can hold pending suggestions; they render as such, never as the policy's own text.
  insertion: (mark) => suggestionTags("ins", "insertion", mark),
  deletion: (mark) => suggestionTags("del", "deletion", mark),
};

function suggestionTags(tag: "ins" | "del", kind: "insertion" | "deletion", mark: PolicyMarkJSON): MarkTags {
  const affiliation = mark.attrs?.["affiliation"];
  const time = mark.attrs?.["time"];
  const by = typeof affiliation === "string" ? ` data-affiliation="${escapeHtml(affiliation)}"` : "";
  const when = typeof time === "string" ? ` datetime="${escapeHtml(time)}"` : "";
  const title = kind === "insertion" ? "Suggested insertion, not yet accepted" : "Suggested deletion, not yet accepted";
  return { open: `<${tag} class="suggestion suggestion-${kind}"${by}${when} title="${title}">`, close: `</${tag}>` };
}

function renderNode(node: PolicyNodeJSON, context: RenderContext): string {
  if (!Object.hasOwn(nodeRenderers, node.type)) throw new Error(`No renderer for the node type "${node.type}".`);
  return nodeRenderers[node.type as PolicyNodeName](node, context);
}

function markTags(mark: PolicyMarkJSON): MarkTags {
  if (!Object.hasOwn(markRenderers, mark.type)) throw new Error(`No renderer for the mark type "${mark.type}".`);
  return markRenderers[mark.type as PolicyMarkName](mark);
}

function sameMark(left: PolicyMarkJSON, right: PolicyMarkJSON): boolean {
  return left.type === right.type && JSON.stringify(left.attrs ?? {}) === JSON.stringify(right.attrs ?? {});
}

// Marks stay open across neighbouring inline nodes that share them, so "**bold _and italic_
// again**" is one <strong> around an <em>, not three separate <strong> elements. Open marks are
// kept from the outside in for as long as the next node still carries them, whatever their
// place in its own list: none of the schema's marks depends on how it nests with the others.
function renderInline(parent: PolicyNodeJSON, context: RenderContext): string {
  let html = "";
  const open: { mark: PolicyMarkJSON; tags: MarkTags }[] = [];
  for (const child of parent.content ?? []) {
    const marks = child.marks ?? [];
    let kept = 0;
    while (kept < open.length && marks.some((mark) => sameMark(mark, open[kept]!.mark))) kept++;
    while (open.length > kept) html += open.pop()!.tags.close;
    for (const mark of marks) {
      if (open.some((entry) => sameMark(entry.mark, mark))) continue;
      const tags = markTags(mark);
      html += tags.open;
      open.push({ mark, tags });
    }
    html += renderNode(child, context);
  }
  while (open.length > 0) html += open.pop()!.tags.close;
  return html;
}

function renderHeading(node: PolicyNodeJSON, context: RenderContext): string {
  const level = Number(node.attrs?.["level"] ?? 1);
  const tag = `h${Math.min(6, level + context.headingOffset)}`;
  const section = context.sections.get(node);
  const text = renderInline(node, context);
  // Every heading is numbered (numberSectionsJSON numbers them all); the guard only keeps a
  // heading renderable should the two ever disagree.
  if (section === undefined) return `<${tag}>${text}</${tag}>`;
  const number = escapeHtml(section.number);
  const anchor = escapeHtml(section.anchor);
  const heading = `<${tag} id="${anchor}"><span class="section-number">${number}</span> ${text}</${tag}>`;
  if (!context.sectionAnchors) return heading;
  // The permalink stands beside the heading, not inside it: inside, its label would become part of the
  // heading's accessible name ("1.2 Timing Link to section 1.2") in every screen reader's list of headings.
  return `<div class="section-heading">${heading} <a class="section-link" href="#${anchor}" aria-label="Link to section ${number}">#</a></div>`;
}

function isDocumentNode(doc: PolicyNodeJSON | PolicyDocumentNode): doc is PolicyDocumentNode {
  return typeof doc.type !== "string" && typeof (doc as { toJSON?: unknown }).toJSON === "function";
}

function checkHeadingOffset(offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > 3) {
    throw new RangeError(`The heading offset must be an integer from 0 to 3, got ${offset}.`);
  }
}

/**
 * Renders a policy document (ProseMirror JSON or a parsed node) to an HTML fragment: every text
 * and attribute escaped, links only to hrefs that isAllowedHref accepts, and each heading with its
 * computed section number, an id (its anchor, e.g. "section-4-2") and, unless turned off, a
 * permalink. The document is validated with parsePolicyDocument first, so only content of the
 * policy schema renders; anything else throws its InvalidPolicyDocumentError.
 */
export function renderPolicyHtml(doc: PolicyNodeJSON | PolicyDocumentNode, options: RenderPolicyOptions = {}): string {
  const headingOffset = options.headingOffset ?? 1;
  checkHeadingOffset(headingOffset);
  const json: unknown = isDocumentNode(doc) ? doc.toJSON() : doc;
  // The parsed node's JSON is the schema's normal form: default attributes filled in, adjacent
  // text with equal marks joined, marks in schema order. Rendering that, not the input, is what
  // makes the output the same for every spelling of the same document.
  const normalized = parsePolicyDocument(withoutDisallowedLinks(json)).toJSON() as PolicyNodeJSON;
  const headings = (normalized.content ?? []).filter((child) => child.type === "heading");
  const numbers = numberSectionsJSON(normalized);
  const sections = new Map<PolicyNodeJSON, SectionNumber>();
  headings.forEach((heading, index) => {
    const section = numbers[index];
    if (section !== undefined) sections.set(heading, section);
  });
  return renderNode(normalized, { sectionAnchors: options.sectionAnchors ?? true, headingOffset, sections });
}
