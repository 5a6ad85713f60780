import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendParagraph, connectProvider, eventually, type ProviderClient, draftText } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("co-editing with the stock y-websocket provider on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    for (const name of ["officer", "citizen", "prosecutor", "facilitator"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    const list = await accord.request({ url: "/api/policies", cookie: cookies.facilitator });
    policyId = list.json().policies[0].id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await accord.close();
  });

  it.each([2, 5, 10])("brings %i editors typing at once to the same document, each edit once", async (count) => {
    const editors = ["officer", "citizen", "prosecutor"];
    const group = Array.from({ length: count }, (_, index) =>
      connectProvider(origin, policyId, cookies[editors[index % editors.length]!]!),
    );
    clients.push(...group);
    await Promise.all(group.map((client) => client.synced));
    const marker = `round-${count}`;
    group.forEach((client, index) => appendParagraph(client.doc, `${marker} edit from client ${index}`));

    await eventually(
      () => group.every((client) => (draftText(client.doc).match(new RegExp(marker, "g")) ?? []).length === count),
      "every client sees every edit",
    );
    const reference = draftText(group[0]!.doc);
    for (const client of group) expect(draftText(client.doc)).toBe(reference);
    for (let index = 0; index < count; index++) {
      expect(reference.split(`${marker} edit from client ${index}<`).length - 1).toBe(1);
    }

    // What the server stored is what the clients hold.
    await eventually(() => accord.app.collabRegistry.peek(policyId) !== undefined, "document loaded");
    const stored = await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.officer });
    for (let index = 0; index < count; index++) expect(stored.body).toContain(`${marker} edit from client ${index}`);
    for (const client of group) client.destroy();
  });

  it("reports the committed state vector, which covers everything a client has once it is saved", async () => {
    const client = connectProvider(origin, policyId, cookies.citizen!);
    clients.push(client);
    await client.synced;
    appendParagraph(client.doc, "saved-check");
    let covered = false;
    for (let attempt = 0; attempt < 100 && !covered; attempt++) {
      const response = await accord.request({ url: `/api/policies/${policyId}/draft/state-vector`, cookie: cookies.citizen });
      const server = Y.decodeStateVector(Buffer.from(response.json().stateVector, "base64"));
      const local = Y.decodeStateVector(Y.encodeStateVector(client.doc));
      covered = [...local].every(([clientId, clock]) => (server.get(clientId) ?? 0) >= clock);
      if (!covered) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(covered).toBe(true);
    client.destroy();
  });

  it("reports the committed delete set too, so that a change that only deletes is seen as saved only once stored", async () => {
    const client = connectProvider(origin, policyId, cookies.citizen!);
    clients.push(client);
    await client.synced;
    appendParagraph(client.doc, "delete-check paragraph");
    const fetchCommitted = async () => {
      const response = await accord.request({ url: `/api/policies/${policyId}/draft/state-vector`, cookie: cookies.citizen });
      const body = response.json<{ stateVector: string; deleteSet: string }>();
      return { stateVector: body.stateVector, deleted: Y.decodeUpdate(Buffer.from(body.deleteSet, "base64")).ds.clients };
    };
    const ownDeletionsStored = async () => {
      const own = Y.createDeleteSetFromStructStore(client.doc.store).clients.get(client.doc.clientID) ?? [];
      const stored = (await fetchCommitted()).deleted.get(client.doc.clientID) ?? [];
      return own.every(({ clock, len }) => stored.some((range) => range.clock <= clock && clock + len <= range.clock + range.len));
    };
    const before = (await fetchCommitted()).stateVector;
    // Delete the paragraph's own text: no new operation, so only the delete set can tell.
    const fragment = client.doc.getXmlFragment("prosemirror");
    const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    let stored = false;
    for (let attempt = 0; attempt < 100 && !stored; attempt++) {
      stored = (await fetchCommitted()).stateVector !== before;
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const vectorAfterTyping = (await fetchCommitted()).stateVector;
    text.delete(0, "delete-check".length);
    expect(Y.createDeleteSetFromStructStore(client.doc.store).clients.get(client.doc.clientID)?.length).toBeGreaterThan(0);
    let deletionStored = false;
    for (let attempt = 0; attempt < 100 && !deletionStored; attempt++) {
      deletionStored = await ownDeletionsStored();
      if (!deletionStored) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(deletionStored).toBe(true);
    expect((await fetchCommitted()).stateVector).toBe(vectorAfterTyping);
    expect(draftText(client.doc)).toContain(" paragraph");
    client.destroy();
  });

  it("unloads every document once the last client leaves", async () => {
    await eventually(() => accord.app.collabRegistry.loadedCount === 0, "no documents loaded");
  });
});
