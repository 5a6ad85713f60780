import { DOMSerializer, type Node, type TagParseRule } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import {
  blockquoteJSON,
  bulletListJSON,
  docJSON,
  emJSON,
  hardBreakJSON,
  headingJSON,
  linkJSON,
  listItemJSON,
  markedTextJSON,
  orderedListJSON,
  paragraphJSON,
  strongJSON,
  underlineJSON,
} from "./document-json.js";
import { linkRel, policySchema } from "./schema.js";

// A light DOM, as the server has: just enough of Document for DOMSerializer, and a way to print
// the result as HTML. It proves toDOM needs no browser.
interface LightNode {
  readonly nodeType: number;
  html(): string;
}
const escapeText = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
class LightText implements LightNode {
  readonly nodeType = 3;
  constructor(readonly text: string) {}
  html(): string {
    return escapeText(this.text);
  }
}
class LightParent {
  readonly children: LightNode[] = [];
  appendChild<T extends LightNode>(child: T): T {
    this.children.push(child);
    return child;
  }
  innerHTML(): string {
    return this.children.map((child) => child.html()).join("");
  }
}
class LightElement extends LightParent implements LightNode {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  constructor(readonly tagName: string) {
    super();
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  html(): string {
    const attrs = [...this.attributes].map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, "&quot;")}"`).join("");
    return this.tagName === "br" ? `<br${attrs}>` : `<${this.tagName}${attrs}>${this.innerHTML()}</${this.tagName}>`;
  }
}
class LightFragment extends LightParent {
  readonly nodeType = 11;
}
const lightDocument = {
  createElement: (tagName: string) => new LightElement(tagName),
  createTextNode: (text: string) => new LightText(text),
  createDocumentFragment: () => new LightFragment(),
};

function renderHTML(doc: Node): string {
  const serializer = DOMSerializer.fromSchema(policySchema);
  const fragment = serializer.serializeFragment(doc.content, { document: lightDocument as never }) as unknown as LightFragment;
  return fragment.innerHTML();
}

function linkParseRule(): TagParseRule {
  const rule = policySchema.marks.link.spec.parseDOM?.[0] as TagParseRule | undefined;
  if (!rule?.getAttrs) throw new Error("the link mark has no parse rule with getAttrs");
  return rule;
}

function parseLinkElement(attributes: Record<string, string>): ReturnType<NonNullable<TagParseRule["getAttrs"]>> {
  const element = { getAttribute: (name: string) => attributes[name] ?? null, style: { fontWeight: "" } };
  return linkParseRule().getAttrs?.(element as never) ?? null;
}

describe("policySchema", () => {
  it("renders every node and mark to HTML with a light DOM and no browser", () => {
    const doc = policySchema.nodeFromJSON(
      docJSON(
        headingJSON(1, "Purpose"),
        paragraphJSON("Officers ", strongJSON("must"), " record ", emJSON("every"), " stop", hardBreakJSON(), underlineJSON("now"), "."),
        blockquoteJSON(paragraphJSON("A quoted statute.")),
        orderedListJSON("first", listItemJSON(paragraphJSON("second"), bulletListJSON("nested"))),
        { type: "ordered_list", attrs: { order: 3 }, content: [listItemJSON(paragraphJSON("third"))] },
        headingJSON(3, linkJSON("Toolkit", "https://bja.ojp.gov/program/bwc", "BJA")),
      ),
    );
    expect(renderHTML(doc)).toBe(
      "<h1>Purpose</h1>" +
        "<p>Officers <strong>must</strong> record <em>every</em> stop<br><u>now</u>.</p>" +
        "<blockquote><p>A quoted statute.</p></blockquote>" +
        "<ol><li><p>first</p></li><li><p>second</p><ul><li><p>nested</p></li></ul></li></ol>" +
        '<ol start="3"><li><p>third</p></li></ol>' +
        `<h3><a href="https://bja.ojp.gov/program/bwc" title="BJA" rel="${linkRel}">Toolkit</a></h3>`,
    );
  });

  it("renders a link with rel noopener noreferrer nofollow and without a title when it has none", () => {
    const doc = policySchema.nodeFromJSON(docJSON(paragraphJSON(linkJSON("mail us", "mailto:a@b.example"))));
    expect(renderHTML(doc)).toBe('<p><a href="mailto:a@b.example" rel="noopener noreferrer nofollow">mail us</a></p>');
  });

  it("parses a pasted link with an allowed href and its title", () => {
    expect(parseLinkElement({ href: "https://example.org/", title: "Example" })).toEqual({
      href: "https://example.org/",
      title: "Example",
    });
  });

  it("trims the whitespace a pasted href is often wrapped in", () => {
    expect(parseLinkElement({ href: "  https://example.org/\n" })).toEqual({ href: "https://example.org/", title: null });
  });

  it.each([["javascript:alert(1)"], [" JavaScript:alert(1)"], ["data:text/html,x"], ["//evil.example"], ["/relative"]])(
    "drops the link mark of a pasted <a href=%j> but keeps its text",
    (href) => {
      expect(parseLinkElement({ href })).toBe(false);
    },
  );

  it("refuses to create a link mark with a javascript: href", () => {
    expect(() => policySchema.marks.link.create({ href: "javascript:alert(1)" })).toThrow(/not allowed/);
  });

  it("refuses to create a heading of level 4", () => {
    expect(() => policySchema.nodes.heading.create({ level: 4 })).toThrow("A heading level must be 1, 2 or 3, got 4.");
  });

  it("admits headings only at the top level, where they can be numbered", () => {
    const heading = policySchema.nodes.heading.create({ level: 1 });
    expect(policySchema.nodes.doc.validContent(policySchema.nodes.doc.createAndFill()!.content.addToEnd(heading))).toBe(true);
    expect(policySchema.nodes.blockquote.validContent(policySchema.nodes.blockquote.createAndFill()!.content.addToEnd(heading))).toBe(
      false,
    );
    expect(policySchema.nodes.list_item.validContent(policySchema.nodes.list_item.createAndFill()!.content.addToEnd(heading))).toBe(false);
  });

  it("starts an empty document with a paragraph, not a heading", () => {
    expect(policySchema.nodes.doc.createAndFill()?.firstChild?.type.name).toBe("paragraph");
  });

  it("keeps bold and italic on the same text", () => {
    const doc = policySchema.nodeFromJSON(docJSON(paragraphJSON(markedTextJSON("both", { type: "em" }, { type: "strong" }))));
    expect(renderHTML(doc)).toBe("<p><em><strong>both</strong></em></p>");
  });
});
