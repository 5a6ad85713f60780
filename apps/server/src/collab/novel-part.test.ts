import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { inspectClientUpdate } from "@accord/collab";
import { novelPartOf } from "./novel-part.js";

/** A server document and two clients that started from it, each typing into its own paragraph. */
function buildRoom() {
  const server = new Y.Doc();
  const clients = [new Y.Doc(), new Y.Doc()];
  const texts = clients.map((client, index) => {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, `client ${index}`);
    paragraph.insert(0, [text]);
    client.getXmlFragment("prosemirror").push([paragraph]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    return text;
  });
  for (const client of clients) Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, clients, texts };
}

/** The full-state-vector diff that `novelPartOf` must equal. */
function fullDiff(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  const novel = Y.diffUpdate(update, Y.encodeStateVector(doc));
  return novel.length === 2 && novel[0] === 0 && novel[1] === 0 ? null : novel;
}

/** `novelPartOf` given the update's writers as `inspectClientUpdate` finds them (its structs' clients). */
const novelOf = (doc: Y.Doc, update: Uint8Array) => novelPartOf(doc, update, inspectClientUpdate(update, { doc }));

/** `novelOf`, checked to be exactly the full state vector's diff. */
function novelAsFullDiff(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  const novel = novelOf(doc, update);
  expect(novel).toEqual(fullDiff(doc, update));
  return novel;
}

describe("novelPartOf", () => {
  it("keeps an update that is all new, exactly as the full state vector's diff does", () => {
    const { server, clients, texts } = buildRoom();
    const before = Y.encodeStateVector(clients[0]!);
    texts[0]!.insert(texts[0]!.length, " more");
    const update = Y.encodeStateAsUpdate(clients[0]!, before);
    const novel = novelAsFullDiff(server, update);
    // Not decoded and encoded again: the update itself.
    expect(novel).toBe(update);
    Y.applyUpdate(server, novel!);
    expect(server.getXmlFragment("prosemirror").toString()).toContain("client 0 more");
  });

  it("drops what the document holds from a reconnecting client's repeated state", () => {
    const { server, clients, texts } = buildRoom();
    texts[0]!.insert(texts[0]!.length, " one");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(clients[0]!, Y.encodeStateVector(server)));
    texts[0]!.insert(texts[0]!.length, " two");
    // The whole state of the client: everything the server has, plus " two".
    const repeated = Y.encodeStateAsUpdate(clients[0]!);
    const novel = novelAsFullDiff(server, repeated);
    expect(novel!.length).toBeLessThan(repeated.length);
    Y.applyUpdate(server, novel!);
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(clients[0]!));
  });

  it("answers null for an update the document already holds", () => {
    const { server, clients } = buildRoom();
    expect(novelOf(server, Y.encodeStateAsUpdate(clients[1]!))).toBeNull();
  });

  it("keeps a deletion of known content, which writes no struct", () => {
    const { server, clients, texts } = buildRoom();
    const before = Y.encodeStateVector(clients[1]!);
    texts[1]!.delete(0, 3);
    const update = Y.encodeStateAsUpdate(clients[1]!, before);
    const novel = novelAsFullDiff(server, update);
    Y.applyUpdate(server, novel!);
    expect(server.getXmlFragment("prosemirror").toString()).toContain("ent 1");
  });

  it("keeps everything of a client the document has never seen", () => {
    const { server } = buildRoom();
    const stranger = new Y.Doc();
    Y.applyUpdate(stranger, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(stranger);
    stranger.getXmlFragment("prosemirror").push([new Y.XmlElement("paragraph")]);
    const update = Y.encodeStateAsUpdate(stranger, before);
    novelAsFullDiff(server, update);
  });
});
