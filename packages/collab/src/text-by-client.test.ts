import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textByClient } from "./text-by-client.js";

/** A document whose edits are made under a fixed Yjs client id, as one browser's would be. */
function clientDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Brings every document to the same state, as the server's relay would. */
function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
}

describe("textByClient", () => {
  it("counts each client's characters that are in the draft now, in every paragraph", () => {
    const officer = clientDoc(11);
    const citizen = clientDoc(22);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Officers record.")]);
    officer.getXmlFragment("prosemirror").push([paragraph]);
    syncAll(officer, citizen);
    const text = (citizen.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, " Residents may ask.");
    const second = new Y.XmlElement("paragraph");
    second.insert(0, [new Y.XmlText("Ninety days.")]);
    citizen.getXmlFragment("prosemirror").push([second]);
    syncAll(officer, citizen);

    expect(textByClient(officer.getXmlFragment("prosemirror"))).toEqual(
      new Map([
        [11, "Officers record.".length],
        [22, " Residents may ask.".length + "Ninety days.".length],
      ]),
    );
  });

  it("leaves out deleted text and pending suggested insertions, and keeps text suggested for deletion", () => {
    const editor = clientDoc(11);
    const commenter = clientDoc(33);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Keep this. Drop this.")]);
    editor.getXmlFragment("prosemirror").push([paragraph]);
    syncAll(editor, commenter);
    const text = () => (editor.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text().delete("Keep this. ".length, "Drop this.".length);
    const commenterText = (commenter.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    commenterText.insert(0, "Suggested. ", {
      insertion: { id: "s-1", author: "u-3", affiliation: "community", time: "2026-12-01T00:00:00Z" },
    });
    commenterText.format(0, 4, { deletion: { id: "s-2", author: "u-3", affiliation: "community", time: "2026-12-01T00:00:00Z" } });
    syncAll(editor, commenter);

    // The editor's "Keep this. " stays (its first word only suggested for deletion); the pending insertion is not counted.
    expect(textByClient(editor.getXmlFragment("prosemirror"))).toEqual(new Map([[11, "Keep this. ".length]]));
  });

  it("counts an accepted insertion for the client that typed it", () => {
    const commenter = clientDoc(33);
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    commenter.getXmlFragment("prosemirror").push([paragraph]);
    text.insert(0, "Proposed words.", { insertion: { id: "s-1", author: "u-3", affiliation: "community", time: "2026-12-01T00:00:00Z" } });
    expect(textByClient(commenter.getXmlFragment("prosemirror")).get(33)).toBeUndefined();
    // Accepting removes the mark (the server's change, under its own client id).
    text.format(0, "Proposed words.".length, { insertion: null });
    expect(textByClient(commenter.getXmlFragment("prosemirror")).get(33)).toBe("Proposed words.".length);
  });
});
