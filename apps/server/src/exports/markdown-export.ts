import { policySchema } from "@accord/policy-schema";
import { MarkdownSerializer, type MarkdownSerializerState } from "prosemirror-markdown";
import { Fragment, type Mark, type Node } from "prosemirror-model";
import { prepareDocument, type PreparedDocument } from "./export-document.js";
import {
  approvalHeading,
  approvalSummary,
  draftExplanation,
  draftMark,
  fieldText,
  isUnapprovedDraft,
  versionFacts,
  versionHeadline,
} from "./export-metadata.js";
import { assertExportableVersion, type VersionExport } from "./version-export.js";

// Markdown export of a policy version: a header block (the title as the one `#` heading, the
// facts), a rule, the policy text with numbered ATX headings one level below the title (`##` for a
// section, as on the public page, where the title is the <h1>), then the approval record (`##`).
//
// Decisions:
// - The header is plain Markdown, not YAML front matter, so it reads the same in a text editor,
//   on a code host and after conversion, and needs no YAML quoting of titles and names.
// - Underline is written as `<u>…</u>`. Markdown has no underline; `_…_` is emphasis and would
//   make underlined text indistinguishable from italic, which drafters use for a different
//   purpose. `<u>` is kept by pandoc and most renderers, and reads plainly where it is not.
// - `<`, `>` and `&` in text are backslash-escaped (CommonMark allows escaping any ASCII
//   punctuation), so the only raw HTML in the file is our own `<u>` tags: text such as
//   `<script>` or `&#106;avascript:` stays literal text wherever the file is rendered.
// - Pending suggestions are written in CriticMarkup: `{++suggested text++}` and `{--text suggested
//   for deletion--}`. pandoc and several Markdown editors read it as tracked changes, and where it is
//   not understood it still reads plainly as a suggestion, never as accepted policy text. Braces in
//   text are escaped, so text never opens or closes a suggestion by itself.
// - Links: an autolink `<https://…>` only for an address made of characters that mean nothing there;
//   any other link is `[words](destination)`, the words escaped like text and the destination
//   percent-encoded and backslash-escaped, so no address can end its link early and open raw HTML.

// Braces too, so that text can neither close a suggestion early ("++}" inside it) nor pass itself off
// as one ("{++…++}" typed as policy text): CommonMark shows "\{" and "\}" as plain braces.
const escapeExtraCharacters = /[<>&{}]/g;

// A hard break ends the line inside the paragraph; the next line must not be read as block syntax
// ("# …", "- …", "1. …" can interrupt a paragraph), so text that follows one is escaped as if it
// started a line. prosemirror-markdown only does that at the start of a block.
function followsHardBreak(parent: Node, index: number): boolean {
  return index > 0 && parent.child(index - 1).type === policySchema.nodes.hard_break;
}

// Two lists of the same kind in a row would merge into one in CommonMark, blank lines or not;
// a list with another bullet ("-" / "*") or delimiter ("." / ")") starts a new list, so every
// other list in such a run uses the alternative.
function alternates(parent: Node, index: number): boolean {
  let run = 0;
  for (let before = index - 1; before >= 0 && parent.child(before).type === parent.child(index).type; before--) run++;
  return run % 2 === 1;
}

function buildSerializer(prepared: PreparedDocument, position: { offset: number }): MarkdownSerializer {
  // Whether the serializer is inside `<…>` autolink syntax. prosemirror-markdown keeps this on its
  // state, but as an internal field; a serializer is built per export, so a closure is as safe.
  let inAutolink = false;
  const nodes: Record<string, (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void> = {
    paragraph(state, node) {
      state.renderInline(node);
      state.closeBlock(node);
    },
    heading(state, node, _parent, index) {
      const level = node.attrs["level"] as number;
      const number = prepared.sectionsByIndex.get(position.offset + index)?.number;
      // One level below the title, the document's one `#`.
      state.write(`${"#".repeat(level + 1)} ${number === undefined ? "" : `${number} `}`);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    blockquote(state, node) {
      state.wrapBlock("> ", null, node, () => state.renderContent(node));
    },
    bullet_list(state, node, parent, index) {
      const bullet = alternates(parent, index) ? "*" : "-";
      state.renderList(node, "  ", () => `${bullet} `);
    },
    ordered_list(state, node, parent, index) {
      const start = node.attrs["order"] as number;
      const delimiter = alternates(parent, index) ? ")" : ".";
      // Items are aligned on the widest number, so continuation lines line up under the text.
      const width = String(start + node.childCount - 1).length;
      state.renderList(node, " ".repeat(width + 2), (item) => `${String(start + item).padStart(width)}${delimiter} `);
    },
    list_item(state, node) {
      state.renderContent(node);
    },
    hard_break(state, node, parent, index) {
      // A heading is one line in Markdown: a break inside one becomes a space.
      if (parent.type === policySchema.nodes.heading) {
        state.write(" ");
        return;
      }
      // A trailing break would leave a dangling backslash: CommonMark ignores it, so write nothing.
      for (let next = index + 1; next < parent.childCount; next++) {
        if (parent.child(next).type !== node.type) {
          state.write("\\\n");
          return;
        }
      }
    },
    text(state, node, parent, index) {
      const text = node.text ?? "";
      // Inside an autolink (`<https://…>`) the text is the URL itself and must not be escaped.
      if (inAutolink) state.text(text, false);
      else if (followsHardBreak(parent, index)) state.text(state.esc(text, true), false);
      else if (parent.type === policySchema.nodes.heading && index === parent.childCount - 1) {
        // Trailing "#"s would be read as the heading's optional closing sequence and dropped.
        state.text(state.esc(text).replace(/#(#*\s*)$/, "\\#$1"), false);
      } else state.text(text);
    },
  };
  return new MarkdownSerializer(
    nodes,
    {
      em: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
      strong: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
      underline: { open: "<u>", close: "</u>", mixable: true, expelEnclosingWhitespace: true },
      // Pending suggestions in CriticMarkup, so they can never be read as policy text (see above).
      insertion: { open: "{++", close: "++}", mixable: true },
      deletion: { open: "{--", close: "--}", mixable: true },
      link: {
        // prepareDocument has already unlinked every href isAllowedHref refuses.
        open(_state, mark, parent, index) {
          inAutolink = isAutolink(mark, parent, index);
          return inAutolink ? "<" : "[";
        },
        close(_state, mark) {
          const wasAutolink = inAutolink;
          inAutolink = false;
          if (wasAutolink) return ">";
          const title = mark.attrs["title"] as string | null;
          return `](${linkDestination(mark.attrs["href"] as string)}${title ? ` "${fieldText(title).replace(/["\\&]/g, "\\$&")}"` : ""})`;
        },
        mixable: true,
      },
    },
    { escapeExtraCharacters, strict: true },
  );
}

// The characters a URL may hold as they are (RFC 3986's unreserved and reserved ones, and "%" of an
// escape); every other character is percent-encoded in a link destination, as renderers do anyway
// (markdown-it, commonmark.js), so the address stays the same and can never hold "<", ">", a space
// or a control character, which would end the destination or open raw HTML.
const urlCharacter = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/u;
// An address that can be written as an autolink: no character that needs encoding, and none that
// means something inside `<…>` (no backslash escapes or entity references work there, so "&" and the
// brackets are left to the inline form, where they can be escaped).
const autolinkAddress = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$'()*+,;=%]+$/;

/**
 * A link destination for `[words](…)`: characters outside a URL's own percent-encoded (UTF-8; a
 * broken surrogate as U+FFFD), then the ASCII punctuation that means something in a destination
 * backslash-escaped (parentheses end or nest it, "&" starts an entity reference, brackets and the
 * backslash itself read as syntax), as CommonMark allows there.
 */
function linkDestination(href: string): string {
  return Array.from(href.replace(/\p{Cs}/gu, "\ufffd"), (character) =>
    urlCharacter.test(character) ? character : encodeURIComponent(character),
  )
    .join("")
    .replace(/[()&[\]\\]/g, "\\$&");
}

// `<https://example.org>` when the words are the address itself, carry no other marks, and the
// address needs no escaping (see autolinkAddress), as prosemirror-markdown's default does; otherwise
// `[words](href)`, where the words are escaped like any text and the address like a destination.
function isAutolink(link: Mark, parent: Node, index: number): boolean {
  const href = link.attrs["href"] as string;
  if (link.attrs["title"] || !autolinkAddress.test(href)) return false;
  const child = parent.child(index);
  if (!child.isText || child.text !== href || child.marks.length !== 1) return false;
  return index === parent.childCount - 1 || !link.isInSet(parent.child(index + 1).marks);
}

// Escapes a header field for Markdown: the same characters the serializer escapes in text.
function escapeField(text: string): string {
  return fieldText(text).replace(/[\\`*_~[\]<>&#|]/g, "\\$&");
}

function headerBlock(version: VersionExport): string {
  // The draft mark first, as a quote in bold, so that a file read as plain text says it at once.
  const notice = isUnapprovedDraft(version) ? [`> **${escapeField(draftMark)}.** ${escapeField(draftExplanation)}`, ""] : [];
  // An empty title would leave a bare "#", which is still a (empty) heading: the file keeps its one h1.
  const lines: string[] = [...notice, `# ${escapeField(version.policyTitle)}`, "", escapeField(versionHeadline(version)), ""];
  for (const fact of versionFacts(version)) {
    lines.push(`- ${fact.label}: ${fact.monospace ? `\`${fact.value}\`` : escapeField(fact.value)}`);
  }
  return lines.join("\n");
}

// After the text, as on the public page and in the Word and PDF files.
function approvalBlock(version: VersionExport): string {
  const approval = approvalSummary(version.approval);
  const lines: string[] = [`## ${approvalHeading}`, "", escapeField(approval.status)];
  for (const group of approval.groups) {
    lines.push("", `### ${group.title}`, "", ...group.lines.map((line) => `- ${escapeField(line)}`));
  }
  return lines.join("\n");
}

/**
 * The Markdown file of a policy version: for a version without an approval record, first the quoted
 * notice "**Draft — not approved.** …"; a header block with the title (the one `#` heading),
 * version number and label, time, who saved it and SHA-256 content hash, a thematic break, the policy
 * text with numbered headings one level below the title ("### 4.2 Timing of activation"), then the
 * approval record (or "Not yet approved.").
 * Throws a RangeError for a malformed hash or version number, and an InvalidPolicyDocumentError
 * for a document the policy schema refuses.
 */
export function exportMarkdown(version: VersionExport): string {
  assertExportableVersion(version);
  const prepared = prepareDocument(version.document);
  // prosemirror-markdown appends to one string and reads its last character after each block, which
  // flattens V8's rope every time: quadratic on a long policy (0.8 s for 30 pages). Serialising each
  // level-1 section on its own keeps every string short; sections start with a heading, so no list
  // is ever split from a neighbouring list, and heading numbers are looked up at their real index.
  const position = { offset: 0 };
  const serializer = buildSerializer(prepared, position);
  const children: Node[] = [];
  prepared.node.forEach((child) => children.push(child));
  const sectionStarts = children.flatMap((child, index) =>
    index > 0 && child.type === policySchema.nodes.heading && child.attrs["level"] === 1 ? [index] : [],
  );
  const chunks = [0, ...sectionStarts].map((start, chunk) => {
    const end = sectionStarts[chunk] ?? children.length;
    position.offset = start;
    return serializer.serialize(prepared.node.copy(Fragment.fromArray(children.slice(start, end))), { tightLists: true });
  });
  const body = chunks.join("\n\n");
  return `${headerBlock(version)}\n\n---\n\n${body}\n\n${approvalBlock(version)}\n`;
}
