import MarkdownIt from "markdown-it";
import { SaxesParser } from "saxes";

// Checks of Accord's XML and HTML outputs with standard parsers, for tests: a page must be well-formed
// whatever is stored, and an export must hold no element the document does not hold.

/** An element a parser found: its name and attributes. */
export interface ParsedElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Parses `xml` with saxes, a strict XML 1.0 parser (it refuses characters XML does not allow, unknown
 * entities, unbalanced tags), and returns every element in document order. Throws on the first error.
 */
export function parseStrictXml(xml: string): ParsedElement[] {
  const elements: ParsedElement[] = [];
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => elements.push({ name: tag.name, attributes: { ...tag.attributes } }));
  parser.write(xml).close();
  return elements;
}

// The void elements of HTML that Accord's pages use; in XML they must close themselves.
const voidElement = /<(meta|link|input|br|hr|img|wbr|col|area|base|source)\b([^>]*?)\/?>/gi;

/**
 * Reads an HTML page as XHTML: the doctype dropped and void elements closed, nothing else changed.
 * Accord's pages are written to be XHTML-compatible (every attribute quoted, every element closed),
 * so a page that a strict XML parser then refuses holds something that no page may hold.
 */
export function parseHtmlAsXhtml(html: string): ParsedElement[] {
  return parseStrictXml(html.replace(/^<!doctype html>/i, "").replace(voidElement, "<$1$2/>"));
}

/**
 * Renders Markdown with markdown-it, raw HTML allowed (as many sites render it), and returns the
 * elements of the result. XHTML output, so the strict parser can read it; a stray raw tag from the
 * Markdown either shows up among the elements or makes the parse throw.
 */
export function renderMarkdownElements(markdown: string): { html: string; elements: ParsedElement[] } {
  const html = new MarkdownIt({ html: true, xhtmlOut: true }).render(markdown);
  return { html, elements: parseStrictXml(`<root>${html}</root>`).slice(1) };
}
