import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeSyncUpdate } from "@accord/collab";
import { connectProvider, connectRaw, eventually, type ProviderClient, draftText } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("prosemirror").push([paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

describe("who may connect to a draft, and what they may send", () => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const clients: ProviderClient[] = [];
  const serverText = () => draftText(accord.app.collabRegistry.peek(policyId)!.ydoc);

  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { COLLAB_RECHECK_SECONDS: "60" } });
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "citizen", "advocate", "observer", "board"]) {
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    }
    const accounts = await accord.request({ url: "/api/accounts", cookie: cookies.facilitator });
    for (const account of accounts.json().accounts) userIds[account.email.split("@")[0]] = account.id;
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await accord.close();
  });

  const connect = (name: string, params?: Record<string, string>) => {
    const client = connectProvider(origin, policyId, cookies[name]!, params ? { params } : {});
    clients.push(client);
    return client;
  };

  it("refuses the upgrade without a session (401), from a foreign Origin (403), and to a non-member (404), with no 101", async () => {
    const path = `/collab/${policyId}`;
    expect(await connectRaw(origin, path, { origin }).refused).toBe(401);
    expect(await connectRaw(origin, path, { origin: "https://evil.example", cookie: cookies.officer! }).refused).toBe(403);
    expect(await connectRaw(origin, path, { cookie: cookies.officer! }).refused).toBe(403);
    const created = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: cookies.facilitator,
      payload: { email: "outsider@example.org", displayName: "Outsider", password: "outsider-password" },
    });
    expect(created.statusCode).toBe(201);
    const outsider = await accord.logIn("outsider@example.org", "outsider-password");
    const refused = connectRaw(origin, path, { origin, cookie: outsider });
    expect(await refused.refused).toBe(404);
    expect(refused.received).toEqual([]);
    expect(await connectRaw(origin, "/collab/00000000-0000-4000-8000-000000000000", { origin, cookie: cookies.officer! }).refused).toBe(
      404,
    );
  });

  it("lets a viewer, a commenter and a board representative read the draft live", async () => {
    const editor = connect("officer");
    const readers = ["observer", "advocate", "board"].map((name) => connect(name));
    await Promise.all([editor.synced, ...readers.map((reader) => reader.synced)]);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("live for readers")]);
    editor.doc.getXmlFragment("prosemirror").push([paragraph]);
    await eventually(() => readers.every((reader) => draftText(reader.doc).includes("live for readers")), "readers see the edit");
  });

  it("closes a viewer's socket with 4403 on an update, and the document stays as it was", async () => {
    const viewer = connect("observer");
    await viewer.synced;
    const before = serverText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("viewer sneaks text in")]);
    viewer.doc.getXmlFragment("prosemirror").push([paragraph]);
    await eventually(() => viewer.closes.some((close) => close.code === 4403), "viewer closed with 4403");
    expect(serverText()).toBe(before);
    expect(serverText()).not.toContain("viewer sneaks");
  });

  it("refuses a commenter's sync step 2 replaying plain offline edits (not suggestions) with 4422, byte for byte as y-protocols frames it", async () => {
    const before = serverText();
    const raw = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: cookies.advocate! });
    await raw.opened;
    const update = paragraphUpdate("offline edit by a commenter");
    const stepTwo = encodeSyncUpdate(update);
    stepTwo[1] = 1; // [0, 1, …]: sync step 2 rather than update
    raw.socket.send(stepTwo);
    expect((await raw.closed).code).toBe(4422);
    expect(serverText()).toBe(before);
  });

  it("never sends a read-only client the server's sync step 1, so the stock provider never answers with a write", async () => {
    const raw = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: cookies.observer! });
    await raw.opened;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(raw.received.some((message) => message[0] === 0 && message[1] === 0)).toBe(false);
    raw.socket.close();
  });

  it("makes presence unforgeable: the name and affiliation come from the session", async () => {
    const officer = connect("officer");
    const citizen = connect("citizen");
    await Promise.all([officer.synced, citizen.synced]);
    officer.provider.awareness.setLocalState({ user: { name: "Chief of Police", color: "#000" }, cursor: null });
    await eventually(
      () => citizen.provider.awareness.getStates().get(officer.doc.clientID)?.user?.name === "Sgt. Marcus Reyes",
      "the citizen sees the officer's real name",
    );
    expect(citizen.provider.awareness.getStates().get(officer.doc.clientID)?.user).toEqual({
      userId: userIds.officer,
      name: "Sgt. Marcus Reyes",
      affiliation: "police",
      color: "#1d4ed8",
    });
  });

  it("tells a client holding another lineage to reload instead of merging (4409), and accepts the right one", async () => {
    const wrong = connect("officer", { lineage: "a-lineage-from-before-the-restore" });
    await eventually(() => wrong.closes.some((close) => close.code === 4409), "closed with 4409");
    const lineage = accord.app.collabRegistry.peek(policyId)!.ydoc.getMap("accord").get("lineage") as string;
    expect(lineage).toMatch(/^[0-9a-f-]{36}$/);
    const right = connect("officer", { lineage });
    await right.synced;
    expect(right.closes).toEqual([]);
  });

  it("closes an editor's socket within seconds of the role being lowered to viewer", async () => {
    const citizen = connect("citizen");
    await citizen.synced;
    const lowered = await accord.request({
      method: "PUT",
      url: `/api/policies/${policyId}/members/${userIds.citizen}`,
      cookie: cookies.facilitator,
      payload: { role: "viewer", affiliation: "citizen" },
    });
    expect(lowered.statusCode).toBe(200);
    await eventually(() => citizen.closes.some((close) => close.code === 4403), "closed with 4403", 5_000);
    await accord.request({
      method: "PUT",
      url: `/api/policies/${policyId}/members/${userIds.citizen}`,
      cookie: cookies.facilitator,
      payload: { role: "editor", affiliation: "citizen" },
    });
  });

  it("closes the socket of a member removed from the working group", async () => {
    const observer = connect("observer");
    await observer.synced;
    await accord.request({ method: "DELETE", url: `/api/policies/${policyId}/members/${userIds.observer}`, cookie: cookies.facilitator });
    await eventually(() => observer.closes.some((close) => close.code === 4403), "closed with 4403", 5_000);
  });

  it("closes the socket when the session ends by logout elsewhere, or the account is disabled", async () => {
    const prosecutorCookie = await accord.logIn("prosecutor@accord.test");
    const prosecutor = connectProvider(origin, policyId, prosecutorCookie);
    clients.push(prosecutor);
    await prosecutor.synced;
    await accord.request({ method: "POST", url: "/api/auth/logout", cookie: prosecutorCookie });
    await eventually(() => prosecutor.closes.some((close) => close.code === 4401), "closed with 4401 after logout", 5_000);

    const officer = connect("officer");
    await officer.synced;
    await accord.request({
      method: "PATCH",
      url: `/api/accounts/${userIds.officer}`,
      cookie: cookies.facilitator,
      payload: { disabled: true },
    });
    await eventually(() => officer.closes.some((close) => close.code === 4401), "closed with 4401 after disabling", 5_000);
  });
});
