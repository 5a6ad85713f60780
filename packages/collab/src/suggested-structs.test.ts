import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";
import { checkSuggestedPlacement, checkSuggestedStructs } from "./suggested-structs.js";
import type { Suggester } from "./suggestion-guard.js";

const advocate: Suggester = { userId: "advocate-id", affiliation: "community" };
const own = (id = "adv-1") => ({ id, author: advocate.userId, affiliation: advocate.affiliation, time: "2026-11-27T12:00:00.000Z" });
const officers = { id: "off-1", author: "officer-id", affiliation: "police", time: "2026-11-27T12:00:00.000Z" };

type Runs = [string, Record<string, unknown>][];

/** A draft of one paragraph of runs, as y-prosemirror stores it. */
function draftOf(runs: Runs): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment("prosemirror").push([paragraph]);
  text.applyDelta(runs.map(([insert, attributes]) => ({ insert, attributes })));
  return doc;
}

/** "Officers record every public contact." with "public" in bold. */
const draft = () =>
  draftOf([
    ["Officers record every ", {}],
    ["public", { strong: {} }],
    [" contact.", {}],
  ]);
/** Someone else's insertion, then a link: "Officers must record it here daily." */
const draftWithTheirs = () =>
  draftOf([
    ["Officers ", {}],
    ["must ", { insertion: officers }],
    ["record it ", {}],
    ["here", { link: { href: "https://example.org", title: null } }],
    [" daily.", {}],
  ]);

/**
 * Text typed as y-prosemirror writes it: inserted without marks at `index` (so it takes the marks in
 * force there), then a delta that sets every run's marks, the ones it lacks to null.
 */
function typeAsYProsemirror(text: Y.XmlText, index: number, typed: string, runs: Runs): void {
  text.insert(index, typed);
  const keys = [...new Set(runs.flatMap(([, attributes]) => Object.keys(attributes)))];
  text.applyDelta(
    runs.map(([run, attributes]) => ({
      retain: run.length,
      attributes: { ...Object.fromEntries(keys.map((key) => [key, null])), ...attributes },
    })),
  );
}
const link = { link: { href: "https://example.org", title: null } };

const textOf = (doc: Y.Doc) => (doc.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The suggester's client: a copy of the draft; `edit` runs there in one transaction, whose update is returned. */
function suggesterUpdate(base: Y.Doc, edit: (text: Y.XmlText, doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(client);
  client.transact(() => edit(textOf(client), client));
  return Y.encodeStateAsUpdate(client, before);
}

/**
 * An update holding only formatting items, hand-made as a hostile client could: each placed right after
 * the previous one, the first after the last character of the paragraph (its end).
 */
function marksAtTheEnd(base: Y.Doc, marks: [string, unknown][]): Uint8Array {
  let last = textOf(base)._start;
  while (last?.right) last = last.right;
  const client = 424242;
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, marks.length);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0);
  let origin = Y.createID(last!.id.client, last!.id.clock + last!.length - 1);
  for (const [index, [key, value]] of marks.entries()) {
    const item = new Y.Item(Y.createID(client, index), null, origin, null, null, null, null, new Y.ContentFormat(key, value as object));
    item.write(encoder, 0);
    origin = item.id;
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions
  return encoder.toUint8Array();
}

/** Runs both checks as the server does; the close code and message of a refusal, or null. */
function verdict(base: Y.Doc, update: Uint8Array): { code: number; message: string } | null {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  try {
    const structs = checkSuggestedStructs(update, advocate);
    const newSince = Y.decodeStateVector(Y.encodeStateVector(copy));
    Y.applyUpdate(copy, update);
    checkSuggestedPlacement(copy, structs, newSince);
    return null;
  } catch (error) {
    if (!(error instanceof CollabProtocolError)) throw error;
    return { code: error.closeCode, message: error.message };
  }
}

function expectRefused(base: Y.Doc, update: Uint8Array, message: RegExp): void {
  const result = verdict(base, update);
  expect(result, "the update should be refused").not.toBeNull();
  expect(result!.code).toBe(collabCloseCodes.suggestionRefused);
  expect(result!.message).toMatch(message);
}

describe("checkSuggestedStructs and checkSuggestedPlacement: the raw structs a suggester may send", () => {
  it.each([
    ["their own insertion in the middle of plain text", (text: Y.XmlText) => text.insert(9, "always ", { insertion: own() })],
    ["their own insertion inside bold text", (text: Y.XmlText) => text.insert(24, "ub", { strong: {}, insertion: own() })],
    ["their own insertion at the end of the paragraph", (text: Y.XmlText) => text.insert(37, " Always.", { insertion: own() })],
    ["their own deletion mark over plain and bold text", (text: Y.XmlText) => text.format(16, 12, { deletion: own("adv-del") })],
    [
      "an insertion as y-prosemirror writes it: plain text, then a delta over every run",
      (text: Y.XmlText) => {
        text.insert(9, "always ");
        text.applyDelta([
          { retain: 9, attributes: { strong: null, insertion: null } },
          { retain: 7, attributes: { strong: null, insertion: own() } },
          { retain: 22, attributes: { strong: null, insertion: null } },
        ]);
      },
    ],
  ])("allows %s", (_name, edit) => {
    const base = draft();
    expect(verdict(base, suggesterUpdate(base, edit))).toBeNull();
  });

  it.each([
    [
      "inside someone else's insertion (Yjs re-opens their mark after the new text)",
      (text: Y.XmlText) =>
        typeAsYProsemirror(text, 11, "X", [
          ["Officers ", {}],
          ["mu", { insertion: officers }],
          ["X", { insertion: own() }],
          ["st ", { insertion: officers }],
          ["record it ", {}],
          ["here", link],
          [" daily.", {}],
        ]),
    ],
    [
      "right after someone else's insertion (Yjs re-opens their mark, then ends it)",
      (text: Y.XmlText) =>
        typeAsYProsemirror(text, 14, "always ", [
          ["Officers ", {}],
          ["must ", { insertion: officers }],
          ["always ", { insertion: own() }],
          ["record it ", {}],
          ["here", link],
          [" daily.", {}],
        ]),
    ],
    [
      "right after a link (Yjs ends the link before the new text)",
      (text: Y.XmlText) =>
        typeAsYProsemirror(text, 28, " now", [
          ["Officers ", {}],
          ["must ", { insertion: officers }],
          ["record it ", {}],
          ["here", link],
          [" now", { insertion: own() }],
          [" daily.", {}],
        ]),
    ],
  ])("allows their own insertion typed %s", (_name, edit) => {
    const base = draftWithTheirs();
    expect(verdict(base, suggesterUpdate(base, edit))).toBeNull();
  });

  it("allows removing their own deletion mark and deleting their own inserted text", () => {
    const base = draft();
    Y.applyUpdate(
      base,
      suggesterUpdate(base, (text) => text.insert(9, "always ", { insertion: own() })),
    );
    Y.applyUpdate(
      base,
      suggesterUpdate(base, (text) => text.format(16, 6, { deletion: own("adv-del") })),
    );
    expect(
      verdict(
        base,
        suggesterUpdate(base, (text) => text.format(16, 6, { deletion: null })),
      ),
    ).toBeNull();
    expect(
      verdict(
        base,
        suggesterUpdate(base, (text) => text.delete(9, 7)),
      ),
    ).toBeNull();
  });

  it.each([
    [
      "a new paragraph",
      (_text: Y.XmlText, doc: Y.Doc) => doc.getXmlFragment("prosemirror").push([new Y.XmlElement("paragraph")]),
      /may not add paragraphs/,
    ],
    ["a new text in a paragraph", (text: Y.XmlText) => (text.parent as Y.XmlElement).push([new Y.XmlText("x")]), /may not add paragraphs/],
    [
      "an attribute set to the value it already has",
      (text: Y.XmlText) => (text.parent as Y.XmlElement).setAttribute("level", 1 as never),
      /may not set attributes or map entries \("level"/,
    ],
    ["a map entry", (_text: Y.XmlText, doc: Y.Doc) => doc.getMap("accord").set("lineage", "x"), /map entries/],
    ["bold on existing text", (text: Y.XmlText) => text.format(0, 8, { strong: {} }), /may not change formatting \("strong"\)/],
    ["bold on their own inserted text", (text: Y.XmlText) => text.insert(9, "always ", { strong: {}, insertion: own() }), /"strong"/],
    ["an embed in the text", (text: Y.XmlText) => text.insertEmbed(3, { image: "x" }), /ContentEmbed/],
    [
      "an insertion naming another author",
      (text: Y.XmlText) => text.insert(9, "always ", { insertion: officers }),
      /mark of author "officer-id"/,
    ],
    [
      "an insertion under another affiliation",
      (text: Y.XmlText) => text.insert(9, "always ", { insertion: { ...own(), affiliation: "police" } }),
      /affiliation "police", but yours is "community"/,
    ],
    [
      "text outside the content",
      (_text: Y.XmlText, doc: Y.Doc) => doc.get("elsewhere", Y.XmlText).insert(0, "x"),
      /only go into the text of the draft/,
    ],
  ])("refuses %s with 4422", (_name, edit, message) => {
    const base = draft();
    expectRefused(base, suggesterUpdate(base, edit), message);
  });

  it("refuses their own insertion mark opening at the end of a paragraph, with no text after it", () => {
    const base = draft();
    expectRefused(base, marksAtTheEnd(base, [["insertion", own()]]), /An insertion mark opens on no text/);
  });

  it("refuses a mark that restores nothing of the text around it, or borders no new text", () => {
    const base = draftWithTheirs();
    expectRefused(base, marksAtTheEnd(base, [["strong", null]]), /may not change formatting \("strong"\)/);
    const theirsOnOwnText = suggesterUpdate(base, (text) => text.insert(0, "All ", { insertion: officers }));
    expectRefused(base, theirsOnOwnText, /mark of author "officer-id" was added or changed/);
  });

  it("refuses an opening mark followed only by the end of its run", () => {
    const base = draft();
    expectRefused(
      base,
      marksAtTheEnd(base, [
        ["insertion", own()],
        ["insertion", null],
      ]),
      /opens on no text/,
    );
    expectRefused(
      base,
      marksAtTheEnd(base, [
        ["deletion", own()],
        ["deletion", own("adv-2")],
      ]),
      /A deletion mark opens on no text/,
    );
  });

  it("allows text typed and deleted again in one update: Yjs deletes the marks around it too", () => {
    const base = draft();
    const typedAndDeleted = suggesterUpdate(base, (text) => {
      text.insert(37, "x", { insertion: own() });
      text.delete(37, 1);
    });
    expect(verdict(base, typedAndDeleted)).toBeNull();
  });

  it("refuses a corrupt update with 1007", () => {
    expect(verdict(draft(), new Uint8Array([1, 200, 3]))?.code).toBe(collabCloseCodes.invalidPayload);
  });
});
