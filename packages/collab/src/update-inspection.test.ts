import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CollabProtocolError } from "./protocol-error.js";
import { inspectClientUpdate } from "./update-inspection.js";

function updateBy(build: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("prosemirror"), doc);
  return Y.encodeStateAsUpdate(doc);
}

function text(content: string, attributes?: Record<string, unknown>): Y.XmlText {
  const yText = new Y.XmlText();
  yText.insert(0, content, attributes as never);
  return yText;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attributes: Record<string, unknown> = {}): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as never);
  node.insert(0, children);
  return node;
}

const refusal = (update: Uint8Array) => {
  try {
    inspectClientUpdate(update);
    return null;
  } catch (error) {
    return error instanceof CollabProtocolError ? error.closeCode : "other";
  }
};

describe("inspectClientUpdate", () => {
  it("accepts what y-prosemirror writes for every node and mark of the policy schema", () => {
    const update = updateBy((fragment) =>
      fragment.push([
        element("heading", [text("Purpose")], { level: 1 }),
        element("paragraph", [text("bold", { strong: {} }), text(" and "), text("a link", { link: { href: "https://example.org", title: null } })]),
        element("ordered_list", [element("list_item", [element("paragraph", [text("one", { em: {}, underline: {} })])])], { order: 1 }),
        element("bullet_list", [element("list_item", [element("paragraph", [text("two")])])]),
        element("blockquote", [element("paragraph", [text("quoted"), element("hard_break")])]),
      ]),
    );
    expect(refusal(update)).toBeNull();
  });

  it("accepts deletions", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("prosemirror").push([element("paragraph", [text("to delete")])]);
    const before = Y.encodeStateVector(doc);
    doc.getXmlFragment("prosemirror").delete(0, 1);
    expect(refusal(Y.encodeStateAsUpdate(doc, before))).toBeNull();
  });

  it.each([
    ["an unknown node", () => updateBy((fragment) => fragment.push([element("iframe")]))],
    ["an unknown mark", () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { marquee: {} })])]))],
    ["a javascript: link", () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { link: { href: "javascript:alert(1)" } })])]))],
    ["a data: link", () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { link: { href: "data:text/html,<script>" } })])]))],
    ["a mark attribute the mark lacks", () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { strong: { style: "x" } })])]))],
    ["an unknown node attribute", () => updateBy((fragment) => fragment.push([element("paragraph", [], { style: "color:red" })]))],
    ["a heading level of 7", () => updateBy((fragment) => fragment.push([element("heading", [], { level: 7 })]))],
    ["another root", () => updateBy((_fragment, doc) => doc.getMap("settings").set("x", 1))],
    ["the server's map", () => updateBy((_fragment, doc) => doc.getMap("accord").set("lineage", "forged"))],
    ["a plain Y.Map inside the content", () => updateBy((fragment) => fragment.insert(0, [new Y.XmlHook("hook") as never]))],
  ])("refuses %s with 4400", (_name, build) => {
    expect(refusal(build())).toBe(4400);
  });

  it("refuses a corrupt update with 1007", () => {
    expect(refusal(new Uint8Array([5, 200, 1, 2, 3]))).toBe(1007);
  });
});
