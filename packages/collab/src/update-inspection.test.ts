import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { CollabProtocolError } from "./protocol-error.js";
import { inspectClientUpdate } from "./update-inspection.js";

function updateBy(build: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("prosemirror"), doc);
  return Y.encodeStateAsUpdate(doc);
}

function text(content: string, attributes?: Record<string, unknown>): Y.XmlText {
  const yText = new Y.XmlText();
  yText.insert(0, content, attributes);
  return yText;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attributes: Record<string, unknown> = {}): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as never);
  node.insert(0, children);
  return node;
}

/** One struct as a hostile client may write it by hand: named parent (a root name or an item id) or neighbours. */
interface HandWritten {
  content: Y.ContentString | Y.ContentFormat | Y.ContentType | Y.ContentDeleted;
  parent?: string | Y.ID;
  origin?: Y.ID;
  rightOrigin?: Y.ID;
}

/** Encodes `structs` as one update of client 9999, from clock 0 on, with an empty delete set. */
function handWritten(structs: HandWritten[]): Uint8Array {
  const client = 9999;
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0);
  let clock = 0;
  for (const { content, parent, origin, rightOrigin } of structs) {
    const item = new Y.Item(
      Y.createID(client, clock),
      null,
      origin ?? null,
      null,
      rightOrigin ?? null,
      (parent ?? null) as Y.ID | null,
      null,
      content,
    );
    item.write(encoder, 0);
    clock += item.length;
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** The id of the `clock`th struct of `handWritten`. */
const handId = (clock: number) => Y.createID(9999, clock);
type Ids = { heading: Y.ID; text: Y.ID; firstCharacter: Y.ID; lineage: Y.ID };
const paragraphContent = () => new Y.ContentType(new Y.XmlElement("paragraph"));

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
        element("paragraph", [
          text("bold", { strong: {} }),
          text(" and "),
          text("a link", { link: { href: "https://example.org", title: null } }),
        ]),
        element("ordered_list", [element("list_item", [element("paragraph", [text("one", { em: {}, underline: {} })])])], { order: 1 }),
        element("bullet_list", [element("list_item", [element("paragraph", [text("two")])])]),
        element("blockquote", [element("paragraph", [text("quoted"), element("hard_break")])]),
      ]),
    );
    expect(refusal(update)).toBeNull();
  });

  it("answers the Yjs clients whose structs the update writes with the lowest clock of each, and none for a deletion alone", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("prosemirror").push([element("paragraph", [text("typed")])]);
    const update = Y.encodeStateAsUpdate(doc);
    expect([...inspectClientUpdate(update)]).toEqual([...Y.parseUpdateMeta(update).from.entries()]);
    expect([...inspectClientUpdate(update).keys()]).toEqual([doc.clientID]);
    const typedAt = Y.getState(doc.store, doc.clientID);
    const beforeMore = Y.encodeStateVector(doc);
    (doc.getXmlFragment("prosemirror").get(0) as Y.XmlElement).push([text(" more")]);
    expect([...inspectClientUpdate(Y.encodeStateAsUpdate(doc, beforeMore), { doc })]).toEqual([[doc.clientID, typedAt]]);
    const before = Y.encodeStateVector(doc);
    doc.getXmlFragment("prosemirror").delete(0, 1);
    expect(inspectClientUpdate(Y.encodeStateAsUpdate(doc, before)).size).toBe(0);
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
    [
      "a javascript: link",
      () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { link: { href: "javascript:alert(1)" } })])])),
    ],
    [
      "a data: link",
      () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { link: { href: "data:text/html,<script>" } })])])),
    ],
    [
      "a mark attribute the mark lacks",
      () => updateBy((fragment) => fragment.push([element("paragraph", [text("x", { strong: { style: "x" } })])])),
    ],
    ["an unknown node attribute", () => updateBy((fragment) => fragment.push([element("paragraph", [], { style: "color:red" })]))],
    ["a heading level of 7", () => updateBy((fragment) => fragment.push([element("heading", [], { level: 7 })]))],
    ["another root", () => updateBy((_fragment, doc) => doc.getMap("settings").set("x", 1))],
    ["the server's map", () => updateBy((_fragment, doc) => doc.getMap("accord").set("lineage", "forged"))],
    ["a plain Y.Map inside the content", () => updateBy((fragment) => fragment.insert(0, [new Y.XmlHook("hook") as never]))],
    [
      "a Y.XmlText stored as an attribute value",
      () => updateBy((fragment) => fragment.push([element("heading", [], { level: new Y.XmlText("x") })])),
    ],
    [
      "a Y.XmlElement stored as an attribute value",
      () => updateBy((fragment) => fragment.push([element("paragraph", [], { level: element("paragraph") })])),
    ],
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
      [
        "a Y.XmlText written over an existing attribute",
        (heading: Y.XmlElement) => heading.setAttribute("level", new Y.XmlText("hidden") as never),
      ],
      [
        "a Y.XmlElement written over an existing attribute",
        (heading: Y.XmlElement) => heading.setAttribute("level", element("paragraph") as never),
      ],
    ])("refuses %s with 4400", (_name, edit) => {
      const { doc, update } = onAHeading(edit);
      expect(refusalOn(doc, update)).toBe(4400);
    });

    it("refuses with 1013 (the provider reconnects and resyncs) an update that builds on content the server does not have", () => {
      const { update } = onAHeading((heading) => heading.setAttribute("level", 2 as never));
      expect(refusalOn(new Y.Doc(), update)).toBe(1013);
    });
  });

  describe("where characters, marks and elements land", () => {
    it("accepts a paragraph holding a text with marked characters, written by hand", () => {
      const update = handWritten([
        { content: paragraphContent(), parent: "prosemirror" },
        { content: new Y.ContentType(new Y.XmlText()), parent: handId(0) },
        { content: new Y.ContentFormat("strong", {}), parent: handId(1) },
        { content: new Y.ContentString("ab"), origin: handId(2) },
        { content: new Y.ContentFormat("strong", null as never), origin: handId(4) },
      ]);
      expect(refusal(update)).toBeNull();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      expect(doc.getXmlFragment("prosemirror").toString()).toBe("<paragraph><strong>ab</strong></paragraph>");
    });

    it.each([
      [
        "characters directly in a paragraph element",
        [
          { content: paragraphContent(), parent: "prosemirror" },
          { content: new Y.ContentString("x"), parent: handId(0) },
        ],
      ],
      ["characters directly in the fragment", [{ content: new Y.ContentString("x"), parent: "prosemirror" }]],
      [
        "characters placed after an element of the fragment",
        [
          { content: paragraphContent(), parent: "prosemirror" },
          { content: new Y.ContentString("x"), origin: handId(0) },
        ],
      ],
      [
        "a mark directly in a paragraph element",
        [
          { content: paragraphContent(), parent: "prosemirror" },
          { content: new Y.ContentFormat("em", {}), parent: handId(0) },
        ],
      ],
      [
        "an element inside a text",
        [
          { content: paragraphContent(), parent: "prosemirror" },
          { content: new Y.ContentType(new Y.XmlText()), parent: handId(0) },
          { content: paragraphContent(), parent: handId(1) },
        ],
      ],
      [
        "a text inside a text",
        [
          { content: paragraphContent(), parent: "prosemirror" },
          { content: new Y.ContentType(new Y.XmlText()), parent: handId(0) },
          { content: new Y.ContentType(new Y.XmlText()), parent: handId(1) },
        ],
      ],
      [
        "characters inside a string (not a type)",
        [
          { content: new Y.ContentString("x"), parent: "prosemirror" },
          { content: new Y.ContentString("y"), parent: handId(0) },
        ],
      ],
    ] as [string, HandWritten[]][])("refuses %s with 4400", (_name, structs) => {
      expect(refusal(handWritten(structs))).toBe(4400);
    });

    /** A document with a heading holding "Purpose", the ids of its items, and a checker against it. */
    function aHeadingDocument() {
      const doc = new Y.Doc();
      doc.getXmlFragment("prosemirror").push([element("heading", [text("Purpose")], { level: 1 })]);
      doc.getMap("accord").set("lineage", "server");
      const heading = doc.getXmlFragment("prosemirror").get(0) as Y.XmlElement;
      const headingText = heading.get(0) as Y.XmlText;
      const ids = {
        heading: heading._item!.id,
        text: headingText._item!.id,
        firstCharacter: headingText._start!.id,
        lineage: doc.getMap("accord")._map.get("lineage")!.id,
      };
      const check = (update: Uint8Array, inFlight: Uint8Array[] = []) => {
        try {
          inspectClientUpdate(update, { doc, inFlight });
          return null;
        } catch (error) {
          return error instanceof CollabProtocolError ? error.closeCode : "other";
        }
      };
      const editedCopy = (edit: (fragment: Y.XmlFragment) => void, inFlight: Uint8Array[] = []) => {
        const client = new Y.Doc();
        Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
        for (const update of inFlight) Y.applyUpdate(client, update);
        const before = Y.encodeStateVector(client);
        edit(client.getXmlFragment("prosemirror"));
        return Y.encodeStateAsUpdate(client, before);
      };
      return { ids, check, editedCopy };
    }
    const headingOf = (fragment: Y.XmlFragment) => fragment.get(0) as Y.XmlElement;
    const headingTextOf = (fragment: Y.XmlFragment) => headingOf(fragment).get(0) as Y.XmlText;

    it.each([
      ["typing in the middle of existing text", (fragment: Y.XmlFragment) => headingTextOf(fragment).insert(3, "pose of the pur")],
      [
        "typing at the start of existing text (placed by right origin only)",
        (fragment: Y.XmlFragment) => headingTextOf(fragment).insert(0, "The "),
      ],
      ["a mark on existing text", (fragment: Y.XmlFragment) => headingTextOf(fragment).format(0, 3, { strong: {} })],
      [
        "a new paragraph with its text after the heading",
        (fragment: Y.XmlFragment) => fragment.insert(1, [element("paragraph", [text("New", { em: {} })])]),
      ],
      ["a new paragraph before the heading", (fragment: Y.XmlFragment) => fragment.insert(0, [element("paragraph", [text("First")])])],
      ["a hard break after the heading's text", (fragment: Y.XmlFragment) => headingOf(fragment).insert(1, [element("hard_break")])],
    ])("accepts %s", (_name, edit) => {
      const { check, editedCopy } = aHeadingDocument();
      expect(check(editedCopy(edit))).toBeNull();
    });

    it("accepts characters written by hand after a character of the document's text", () => {
      const { ids, check } = aHeadingDocument();
      expect(check(handWritten([{ content: new Y.ContentString("x"), origin: ids.firstCharacter }]))).toBeNull();
    });

    it.each([
      [
        "characters placed after the heading (they land in the fragment)",
        (ids: Ids) => [{ content: new Y.ContentString("x"), origin: ids.heading }],
      ],
      [
        "characters placed before the heading by right origin",
        (ids: Ids) => [{ content: new Y.ContentString("x"), rightOrigin: ids.heading }],
      ],
      [
        "characters placed after the heading's text (they land in the heading)",
        (ids: Ids) => [{ content: new Y.ContentString("x"), origin: ids.text }],
      ],
      ["characters naming the heading as their parent", (ids: Ids) => [{ content: new Y.ContentString("x"), parent: ids.heading }]],
      ["a mark placed after the heading's text", (ids: Ids) => [{ content: new Y.ContentFormat("em", {}), origin: ids.text }]],
      ["an element placed among the characters of a text", (ids: Ids) => [{ content: paragraphContent(), origin: ids.firstCharacter }]],
      ["an element naming the text as its parent", (ids: Ids) => [{ content: paragraphContent(), parent: ids.text }]],
      [
        "deleted content placed after the server's lineage entry (it would overwrite it)",
        (ids: Ids) => [{ content: new Y.ContentDeleted(1), origin: ids.lineage }],
      ],
    ] as [string, (ids: Ids) => HandWritten[]][])("refuses %s with 4400", (_name, structs) => {
      const { ids, check } = aHeadingDocument();
      expect(check(handWritten(structs(ids)))).toBe(4400);
    });

    it("resolves parents in the updates in flight, and refuses with 1013 a parent the server does not have", () => {
      const { check, editedCopy } = aHeadingDocument();
      const first = editedCopy((fragment) => fragment.insert(1, [element("paragraph", [text("In flight")])]));
      const paragraphId = Y.decodeUpdate(first).structs.find(
        (struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentType && struct.content.type instanceof Y.XmlElement,
      )!.id;
      const typed = editedCopy((fragment) => ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(2, " the air"), [first]);
      expect(check(typed, [first])).toBeNull();
      const intoTheElement = handWritten([{ content: new Y.ContentString("x"), parent: paragraphId }]);
      expect(check(intoTheElement, [first])).toBe(4400);
      expect(check(intoTheElement)).toBe(1013);
    });
  });

  it("refuses a corrupt update with 1007", () => {
    expect(refusal(new Uint8Array([5, 200, 1, 2, 3]))).toBe(1007);
  });
});
