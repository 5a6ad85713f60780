import { SaxesParser } from "saxes";

/** An element of a parsed XML document: its local name, namespace, attributes and content in order. */
export interface XmlElement {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements and text, in document order. */
  readonly content: (XmlElement | string)[];
}

/** Parses XML with saxes (strict XML 1.0, namespaces resolved) into a tree. Throws on anything not well-formed. */
export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value]));
    const element: XmlElement = { name: tag.local ?? tag.name, uri: tag.uri ?? "", attributes, content: [] };
    stack.at(-1)?.content.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on("text", (text) => stack.at(-1)?.content.push(text));
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error("The document has no root element.");
  return root;
}

/** The child elements of an element. */
export function childElements(element: XmlElement): XmlElement[] {
  return element.content.filter((child): child is XmlElement => typeof child !== "string");
}

/** Every element of a tree, in document order, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...childElements(root).flatMap(allElements)];
}

/** The text of an element and its descendants. */
export function textOf(element: XmlElement): string {
  return element.content.map((child) => (typeof child === "string" ? child : textOf(child))).join("");
}

/**
 * The accessible name an element gets from its content (WAI-ARIA's accessible name computation, in the
 * part that static HTML pages use): text, where a descendant with an aria-label counts as its label.
 */
export function nameFromContent(element: XmlElement): string {
  return element.content
    .map((child) => (typeof child === "string" ? child : (child.attributes["aria-label"] ?? nameFromContent(child))))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
