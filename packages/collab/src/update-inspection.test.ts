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
    ["a Y.XmlText stored as an attribute value", () => updateBy((fragment) => fragment.push([element("heading", [], { level: new Y.XmlText("x") })]))],
    ["a Y.XmlElement stored as an attribute value", () => updateBy((fragment) => fragment.push([element("paragraph", [], { level: element("paragraph") })]))],
  ])("refuses %s with 4400", (_name, build) => {
    expect(refusal(build())).toBe(4400);
  });

  describe("with the document the update builds on", () => {
    /** A document with one heading of level 1, and an update made on a copy of it by `edit`. */
    function onAHeading(edit: (heading: Y.XmlElement) => void): { doc: Y.Doc; update: Uint8Array } {
      const doc = new Y.Doc();
      doc.getXmlFragment("prosemirror").push([element("heading", [text("Purpose")], { level: 1 })]);
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(client);
      edit(client.getXmlFragment("prosemirror").get(0) as Y.XmlElement);
      return { doc, update: Y.encodeStateAsUpdate(client, before) };
    }
    const refusalOn = (doc: Y.Doc, update: Uint8Array, inFlight: Uint8Array[] = []) => {
      try {
        inspectClientUpdate(update, { doc, inFlight });
        return null;
      } catch (error) {
        return error instanceof CollabProtocolError ? error.closeCode : "other";
      }
    };

    it("accepts a new value for an existing attribute (a heading's level changed), which names no key in the update", () => {
      const { doc, update } = onAHeading((heading) => heading.setAttribute("level", 2 as never));
      expect(refusalOn(doc, update)).toBeNull();
    });

    it("accepts text and marks typed into existing text", () => {
      const { doc, update } = onAHeading((heading) => (heading.get(0) as Y.XmlText).insert(3, "pose of the pur", { em: {} }));
      expect(refusalOn(doc, update)).toBeNull();
    });

    it("accepts an update that builds on one still in flight", () => {
      const { doc, update: first } = onAHeading((heading) => heading.setAttribute("level", 2 as never));
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(client, first);
      const before = Y.encodeStateVector(client);
      (client.getXmlFragment("prosemirror").get(0) as Y.XmlElement).setAttribute("level", 3 as never);
      const second = Y.encodeStateAsUpdate(client, before);
      expect(refusalOn(doc, second, [first])).toBeNull();
      expect(refusalOn(doc, second)).toBe(1013);
    });

    it.each([
      ["a level out of range written over an existing one", (heading: Y.XmlElement) => heading.setAttribute("level", 9 as never)],
      ["a Y.XmlText written over an existing attribute", (heading: Y.XmlElement) => heading.setAttribute("level", new Y.XmlText("hidden") as never)],
      ["a Y.XmlElement written over an existing attribute", (heading: Y.XmlElement) => heading.setAttribute("level", element("paragraph") as never)],
    ])("refuses %s with 4400", (_name, edit) => {
      const { doc, update } = onAHeading(edit);
      expect(refusalOn(doc, update)).toBe(4400);
    });

    it("refuses with 1013 (the provider reconnects and resyncs) an update that builds on content the server does not have", () => {
      const { update } = onAHeading((heading) => heading.setAttribute("level", 2 as never));
      expect(refusalOn(new Y.Doc(), update)).toBe(1013);
    });
  });

  it("refuses a corrupt update with 1007", () => {
    expect(refusal(new Uint8Array([5, 200, 1, 2, 3]))).toBe(1007);
  });
});
