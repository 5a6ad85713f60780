import { Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from "prosemirror-model";
import { isAllowedHref } from "./safe-href.js";

// The schema is shared by the browser editor, the server's validator and renderer and the
// version differ (STYLE.md, convention 6). It therefore touches the DOM only through toDOM
// (plain arrays a DOMSerializer turns into elements, with a light server-side DOM too) and
// parseDOM rules, which only call the few element methods described below. The package is
// compiled without the DOM library, so those methods are declared here.
interface ParsedElement {
  getAttribute(name: string): string | null;
  readonly style: { readonly fontWeight: string };
}

/** The heading levels of a policy: 1 is a section, 2 a subsection, 3 a lettered clause. */
export const headingLevels = [1, 2, 3] as const;

/** A heading level of a policy document. */
export type HeadingLevel = (typeof headingLevels)[number];

/** The `rel` every rendered link carries: no window.opener, no referrer, no endorsement. */
export const linkRel = "noopener noreferrer nofollow";

/** Throws a RangeError unless `value` is a heading level (1, 2 or 3). */
export function validateHeadingLevel(value: unknown): asserts value is HeadingLevel {
  if (!headingLevels.includes(value as HeadingLevel)) {
    throw new RangeError(`A heading level must be 1, 2 or 3, got ${JSON.stringify(value) ?? typeof value}.`);
  }
}

/** Throws a RangeError unless `value` is a href that isAllowedHref accepts. */
export function validateLinkHref(value: unknown): asserts value is string {
  if (typeof value !== "string" || !isAllowedHref(value)) {
    throw new RangeError(
      `The link href ${JSON.stringify(value) ?? String(value)} is not allowed: only absolute http:, https: and mailto: URLs are.`,
    );
  }
}

// An ordered list's start number: any integer, as HTML's <ol start> allows.
function validateListOrder(value: unknown): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`An ordered list's order must be an integer, got ${JSON.stringify(value) ?? typeof value}.`);
  }
}

const paragraphDOM: DOMOutputSpec = ["p", 0];
const blockquoteDOM: DOMOutputSpec = ["blockquote", 0];
const hardBreakDOM: DOMOutputSpec = ["br"];
const bulletListDOM: DOMOutputSpec = ["ul", 0];
const listItemDOM: DOMOutputSpec = ["li", 0];

/** The node specs of a policy document, in the order the editor prefers them. */
export const policyNodeSpecs = {
  /** The whole policy: paragraphs, lists and quotes, divided into sections by headings. */
  // Headings may only sit at the top level (they are in their own group, which no other node
  // admits): a heading inside a quote or list item could not be given a section number.
  doc: { content: "(block | heading)+" },

  /** A plain paragraph of policy text. */
  paragraph: {
    content: "inline*",
    group: "block",
    parseDOM: [{ tag: "p" }],
    toDOM() {
      return paragraphDOM;
    },
  },

  /** A quotation, such as the text of a statute the policy relies on. */
  blockquote: {
    content: "block+",
    group: "block",
    defining: true,
    parseDOM: [{ tag: "blockquote" }],
    toDOM() {
      return blockquoteDOM;
    },
  },

  /**
   * A section heading. Its number ("4.2", "9.3.b") is computed from its place in the document
   * by numberSections and never typed or stored, so inserting a section renumbers the rest.
   */
  heading: {
    attrs: { level: { default: 1, validate: validateHeadingLevel } },
    content: "inline*",
    group: "heading",
    defining: true,
    // h4–h6 pasted from elsewhere become lettered clauses rather than losing their structure.
    parseDOM: [
      { tag: "h1", attrs: { level: 1 } },
      { tag: "h2", attrs: { level: 2 } },
      { tag: "h3", attrs: { level: 3 } },
      { tag: "h4", attrs: { level: 3 } },
      { tag: "h5", attrs: { level: 3 } },
      { tag: "h6", attrs: { level: 3 } },
    ],
    toDOM(node) {
      return ["h" + String(node.attrs["level"]), 0];
    },
  },

  /** A numbered list; `order` is the number of its first item. */
  ordered_list: {
    attrs: { order: { default: 1, validate: validateListOrder } },
    content: "list_item+",
    group: "block",
    parseDOM: [
      {
        tag: "ol",
        getAttrs(dom: ParsedElement) {
          // A missing or malformed start attribute falls back to 1 rather than failing the paste.
          const start = Number.parseInt(dom.getAttribute("start") ?? "1", 10);
          return { order: Number.isSafeInteger(start) ? start : 1 };
        },
      },
    ],
    toDOM(node) {
      const order = node.attrs["order"] as number;
      return order === 1 ? ["ol", 0] : ["ol", { start: String(order) }, 0];
    },
  },

  /** A list with bullets. */
  bullet_list: {
    content: "list_item+",
    group: "block",
    parseDOM: [{ tag: "ul" }],
    toDOM() {
      return bulletListDOM;
    },
  },

  /** An item of either kind of list: a paragraph, then any further blocks (e.g. a nested list). */
  list_item: {
    content: "paragraph block*",
    defining: true,
    parseDOM: [{ tag: "li" }],
    toDOM() {
      return listItemDOM;
    },
  },

  /** The text node. */
  text: { group: "inline" },

  /** A line break inside a paragraph (an address, a signature block). */
  hard_break: {
    inline: true,
    group: "inline",
    selectable: false,
    // Plain-text and heading-text extraction see the break as a line break, not as nothing.
    leafText: () => "\n",
    parseDOM: [{ tag: "br" }],
    toDOM() {
      return hardBreakDOM;
    },
  },
} satisfies Record<string, NodeSpec>;

const suggestionIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const affiliationPattern = /^[a-z_]{1,40}$/;
const isoInstantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;
/** The years a suggestion's time may name: PostgreSQL's timestamptz and JavaScript both hold them, and no real edit lies outside. */
const suggestionTimeYears = { earliest: 2000, latest: 9999 } as const;

/** Throws a RangeError unless `value` is a suggestion id or author id: 1-64 letters, digits, - or _. */
export function validateSuggestionId(value: unknown): asserts value is string {
  if (typeof value !== "string" || !suggestionIdPattern.test(value)) {
    throw new RangeError(`A suggestion id must be 1-64 letters, digits, "-" or "_", got ${JSON.stringify(value) ?? typeof value}.`);
  }
}

/** Throws a RangeError unless `value` is null or an affiliation-shaped word ("police", "city_staff"). */
export function validateSuggestionAffiliation(value: unknown): asserts value is string | null {
  if (value !== null && (typeof value !== "string" || !affiliationPattern.test(value))) {
    throw new RangeError(`A suggestion's affiliation must be a lowercase word or null, got ${JSON.stringify(value) ?? typeof value}.`);
  }
}

// True when the fields name a real instant in the years allowed. Date.parse is no judge of that: it
// rolls "02-30" over into March and reads "24:00" as the next day, and it accepts year 0000, which
// PostgreSQL then refuses when the decision on the suggestion is recorded.
function isRealInstant(fields: readonly string[]): boolean {
  const [year, month, day, hour, minute, second] = fields.map(Number) as [number, number, number, number, number, number];
  if (year < suggestionTimeYears.earliest || year > suggestionTimeYears.latest) return false;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/**
 * Throws a RangeError unless `value` is a real UTC instant in ISO 8601 form ("2026-11-28T09:30:00.000Z")
 * in the years 2000 to 9999.
 */
export function validateSuggestionTime(value: unknown): asserts value is string {
  const match = typeof value === "string" ? isoInstantPattern.exec(value) : null;
  if (match === null || !isRealInstant(match.slice(1, 7))) {
    throw new RangeError(
      `A suggestion's time must be a UTC ISO 8601 instant in the years ${suggestionTimeYears.earliest}-${suggestionTimeYears.latest}, got ${JSON.stringify(value) ?? typeof value}.`,
    );
  }
}

/**
 * The attributes of both suggestion marks: which suggestion (one id for a run of typing), who made it
 * (their user id) and as what affiliation, and when. Authorship is kept in the document itself, so it
 * travels with the text through Yjs and survives until an editor decides.
 */
const suggestionAttrs = {
  id: { validate: validateSuggestionId },
  author: { validate: validateSuggestionId },
  affiliation: { default: null, validate: validateSuggestionAffiliation },
  time: { validate: validateSuggestionTime },
};

function suggestionDOMAttrs(attrs: Record<string, unknown>, kind: "insertion" | "deletion"): Record<string, string> {
  const affiliation = attrs["affiliation"] as string | null;
  return {
    class: `suggestion suggestion-${kind}${affiliation ? ` suggestion-by-${affiliation}` : ""}`,
    "data-suggestion": String(attrs["id"]),
    "data-author": String(attrs["author"]),
    ...(affiliation ? { "data-affiliation": affiliation } : {}),
    datetime: String(attrs["time"]),
  };
}

const strongDOM: DOMOutputSpec = ["strong", 0];
const emDOM: DOMOutputSpec = ["em", 0];
const underlineDOM: DOMOutputSpec = ["u", 0];

/** The mark specs of a policy document. */
export const policyMarkSpecs = {
  /** A link to an absolute http:, https: or mailto: URL (see isAllowedHref). */
  link: {
    attrs: {
      href: { validate: validateLinkHref },
      title: { default: null, validate: "string|null" },
    },
    // Typing at the end of a link must not extend it.
    inclusive: false,
    parseDOM: [
      {
        tag: "a[href]",
        getAttrs(dom: ParsedElement) {
          // Returning false makes the parser drop the mark and keep the text, so a pasted
          // `javascript:` link arrives as harmless words.
          const href = (dom.getAttribute("href") ?? "").trim();
          if (!isAllowedHref(href)) return false;
          return { href, title: dom.getAttribute("title") };
        },
      },
    ],
    toDOM(mark) {
      const href = mark.attrs["href"] as string;
      const title = mark.attrs["title"] as string | null;
      // The href validator already refuses bad hrefs when a mark is created. Checking again costs
      // little, and means a mark that somehow got past it still renders no dangerous href.
      return ["a", { href: isAllowedHref(href) ? href : null, title, rel: linkRel }, 0];
    },
  },

  /** Italic emphasis, for terms being defined and titles of documents. */
  em: {
    parseDOM: [
      { tag: "i" },
      { tag: "em" },
      { style: "font-style=italic" },
      { style: "font-style=normal", clearMark: (m) => m.type.name === "em" },
    ],
    toDOM() {
      return emDOM;
    },
  },

  /** Bold, for duties ("**must**") and defined terms. */
  strong: {
    parseDOM: [
      { tag: "strong" },
      // Google Docs wraps whole documents in <b style="font-weight: normal">; that is not bold.
      { tag: "b", getAttrs: (dom: ParsedElement) => dom.style.fontWeight !== "normal" && null },
      { style: "font-weight=400", clearMark: (m) => m.type.name === "strong" },
      { style: "font-weight", getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null },
    ],
    toDOM() {
      return strongDOM;
    },
  },

  /**
   * A suggested insertion: text someone proposed that is not yet part of the policy. It stays a
   * suggestion until an editor accepts it (the mark goes, the text stays) or rejects it (the text goes).
   * Never parsed from pasted HTML: only the suggestion-mode editor and the server create suggestions.
   */
  insertion: {
    attrs: suggestionAttrs,
    inclusive: false,
    excludes: "insertion deletion",
    toDOM(mark) {
      return ["ins", suggestionDOMAttrs(mark.attrs, "insertion"), 0];
    },
  },

  /**
   * A suggested deletion: text someone proposed to remove. It stays in the policy, struck through, until
   * an editor accepts (the text goes) or rejects (the mark goes) the suggestion.
   */
  deletion: {
    attrs: suggestionAttrs,
    inclusive: false,
    excludes: "insertion deletion",
    toDOM(mark) {
      return ["del", suggestionDOMAttrs(mark.attrs, "deletion"), 0];
    },
  },

  /** Underline, which policy drafters use for emphasis they do not want as bold. */
  underline: {
    parseDOM: [{ tag: "u" }, { style: "text-decoration=underline" }, { style: "text-decoration-line=underline" }],
    toDOM() {
      return underlineDOM;
    },
  },
} satisfies Record<string, MarkSpec>;

/** The names of the node types of a policy document. */
export type PolicyNodeName = keyof typeof policyNodeSpecs;

/** The names of the mark types of a policy document. */
export type PolicyMarkName = keyof typeof policyMarkSpecs;

/** The ProseMirror schema of a policy document. */
export const policySchema = new Schema<PolicyNodeName, PolicyMarkName>({ nodes: policyNodeSpecs, marks: policyMarkSpecs });
