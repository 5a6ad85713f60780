import type { Node } from "prosemirror-model";
import { numberSections } from "./sections.js";

// Plain text is for search indexes, e-mail and text exports, so it aims at what a person would
// type: numbered headings, "- " bullets, "1. " items, "> " quotes, blank lines between blocks,
// and a link's address in brackets after its words (a printed policy must still show where it
// points).

function linkHrefOf(node: Node): string | null {
  const link = node.marks.find((mark) => mark.type.name === "link");
  return link ? (link.attrs["href"] as string) : null;
}

// A link whose words already are its address ("https://…", or the e-mail address of a
// mailto:) would only repeat itself.
function linkSpeaksForItself(href: string, text: string): boolean {
  return text === href || `mailto:${text}` === href;
}

function inlineText(block: Node): string {
  let text = "";
  let openHref: string | null = null;
  let openLinkText = "";
  const closeLink = (): void => {
    if (openHref !== null && !linkSpeaksForItself(openHref, openLinkText)) text += ` (${openHref})`;
    openHref = null;
    openLinkText = "";
  };
  block.forEach((child) => {
    const href = linkHrefOf(child);
    if (href !== openHref) {
      closeLink();
      openHref = href;
    }
    const childText = child.isText ? (child.text ?? "") : (child.type.spec.leafText?.(child) ?? "");
    text += childText;
    if (openHref !== null) openLinkText += childText;
  });
  closeLink();
  return text;
}

function indent(lines: string[], firstPrefix: string): string[] {
  const restPrefix = " ".repeat(firstPrefix.length);
  return lines.map((line, index) => (index === 0 ? firstPrefix : line === "" ? "" : restPrefix) + line);
}

function blockLines(block: Node, pos: number, sectionNumbers: Map<number, string>): string[] {
  switch (block.type.name) {
    case "heading": {
      const number = sectionNumbers.get(pos);
      const title = inlineText(block).replace(/\s+/g, " ").trim();
      return [number === undefined ? title : `${number} ${title}`];
    }
    case "paragraph":
      return inlineText(block).split("\n");
    case "blockquote":
      return childLines(block, pos, sectionNumbers, true).map((line) => (line === "" ? ">" : `> ${line}`));
    case "bullet_list":
    case "ordered_list": {
      const lines: string[] = [];
      const start = block.type.name === "ordered_list" ? (block.attrs["order"] as number) : 0;
      block.forEach((item, _offset, index) => {
        const prefix = block.type.name === "ordered_list" ? `${start + index}. ` : "- ";
        // Items are tight: their own blocks follow each other without blank lines.
        lines.push(...indent(childLines(item, pos, sectionNumbers, false), prefix));
      });
      return lines;
    }
    default:
      return childLines(block, pos, sectionNumbers, true);
  }
}

function childLines(parent: Node, parentPos: number, sectionNumbers: Map<number, string>, loose: boolean): string[] {
  const lines: string[] = [];
  parent.forEach((child, offset, index) => {
    if (loose && index > 0) lines.push("");
    lines.push(...blockLines(child, parentPos + 1 + offset, sectionNumbers));
  });
  return lines;
}

/**
 * The readable plain text of a policy document: headings preceded by their computed section
 * numbers ("4.2 Timing of activation"), blocks separated by blank lines, lists and quotes
 * marked as a person would type them, and links followed by their address.
 */
export function documentToPlainText(doc: Node): string {
  const sectionNumbers = new Map(numberSections(doc).map((section) => [section.pos, section.number]));
  const lines: string[] = [];
  // The doc has no position of its own: its first child starts at 0, not at 1.
  doc.forEach((block, offset, index) => {
    if (index > 0) lines.push("");
    lines.push(...blockLines(block, offset, sectionNumbers));
  });
  return lines.join("\n");
}
