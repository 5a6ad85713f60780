import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { collabCloseCodes, encodeSyncUpdate } from "@accord/collab";
import { collectSuggestions, policySchema } from "@accord/policy-schema";
import { decodeDraftContent } from "../drafts/yjs-draft.js";
import { findDraftState } from "../storage/drafts.js";
import { connectProvider, draftText, eventually, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { locateSuggestion, locateText, openRawDraft, type RawDraftClient } from "@accord/test-support/raw-draft-client.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

const affiliations: Record<string, string> = { advocate: "community", officer: "police" };

describe.each(testDatabaseKinds())("suggestion mode, enforced by the server for a commenter's raw Yjs updates (%s)", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const rawClients: RawDraftClient[] = [];
  const providers: ProviderClient[] = [];
  // Commits wait for this: a test holds it to send a second update while the first is still uncommitted.
  let commitsMayProceed: Promise<void> = Promise.resolve();

  const serverDoc = () => accord.app.collabRegistry.peek(policyId)!.ydoc;
  const serverText = () => draftText(serverDoc());
  const storedContent = async () => decodeDraftContent((await findDraftState(accord.database.db, policyId))!);
  const suggestionsIn = (content: unknown) => collectSuggestions(policySchema.nodeFromJSON(content));
  /** What the draft is: the server's document (state and content) and what the database holds. */
  const draftNow = async () => ({ state: Y.encodeStateVector(serverDoc()).join(","), text: serverText(), stored: await storedContent() });

  const suggestionAttrs = (author: string, id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    author: userIds[author],
    affiliation: affiliations[author],
    time: "2026-11-27T12:00:00.000Z",
    ...overrides,
  });
  const openAs = async (name: string) => {
    const client = await openRawDraft(origin, policyId, cookies[name]!);
    rawClients.push(client);
    return client;
  };
  const editorView = async () => {
    const editor = connectProvider(origin, policyId, cookies.officer!);
    providers.push(editor);
    await editor.synced;
    return editor;
  };
  /** Inserts text right after the needle, with the given formatting ({} for plain text). */
  const insertAfter = (client: RawDraftClient, needle: string, text: string, attributes: Record<string, unknown>) =>
    client.send(() => {
      const found = locateText(client.doc, needle);
      found.text.insert(found.index + needle.length, text, attributes);
    });
  const formatText = (client: RawDraftClient, needle: string, attributes: Record<string, unknown>) =>
    client.send(() => {
      const found = locateText(client.doc, needle);
      found.text.format(found.index, needle.length, attributes);
    });

  /** Sends a commenter's edit, expects 4422, and checks that neither the server, the database nor an editor's view changed. */
  async function expectRefusedAndUnchanged(edit: (client: RawDraftClient) => void, reason: RegExp): Promise<void> {
    const editor = await editorView();
    const before = await draftNow();
    const commenter = await openAs("advocate");
    edit(commenter);
    const closed = await commenter.raw.closed;
    expect(closed.code).toBe(collabCloseCodes.suggestionRefused);
    expect(closed.reason).toMatch(reason);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await draftNow()).toEqual(before);
    expect(draftText(editor.doc)).toBe(before.text);
    expect(editor.closes).toEqual([]);
  }

  beforeAll(async () => {
    accord = await startTestAccord(kind, {
      env: { COLLAB_RECHECK_SECONDS: "60" },
      deps: {
        wrapDraftStore: (store) => ({
          ...store,
          append: async (writes) => {
            await commitsMayProceed;
            return store.append(writes);
          },
        }),
      },
    });
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "advocate", "observer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    for (const account of (await accord.request({ url: "/api/accounts", cookie: cookies.facilitator })).json().accounts) {
      userIds[account.email.split("@")[0]] = account.id;
    }
    const { policies } = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json<{
      policies: { id: string; slug: string }[];
    }>();
    policyId = policies.find((policy) => policy.slug === "body-worn-cameras")!.id;
  });
  afterEach(() => {
    for (const client of rawClients.splice(0)) client.close();
    for (const provider of providers.splice(0)) provider.destroy();
  });
  afterAll(() => accord.close());

  it("sends a commenter the server's sync step 1, and their stock provider syncs without being refused", async () => {
    const raw = await openAs("advocate");
    expect(raw.raw.received.some((message) => message[0] === 0 && message[1] === 0)).toBe(true);
    const provider = connectProvider(origin, policyId, cookies.advocate!);
    providers.push(provider);
    await provider.synced;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(provider.closes).toEqual([]);
    expect(draftText(provider.doc)).toBe(serverText());
  });

  it("accepts text carrying the commenter's own insertion mark: committed, relayed to an editor, and kept when the draft is reloaded", async () => {
    const editor = await editorView();
    const commenter = await openAs("advocate");
    insertAfter(commenter, "Every six months", " (at least)", { insertion: suggestionAttrs("advocate", "adv-at-least") });
    expect(await commenter.closeCode(300)).toBeNull();
    await eventually(() => draftText(editor.doc).includes("(at least)"), "the editor sees the suggestion");
    const expected = { id: "adv-at-least", kind: "insertion", author: userIds.advocate, affiliation: "community", text: " (at least)" };
    expect(suggestionsIn(await storedContent())).toContainEqual(expect.objectContaining(expected));

    for (const client of rawClients.splice(0)) client.close();
    for (const provider of providers.splice(0)) provider.destroy();
    await eventually(() => accord.app.collabRegistry.peek(policyId) === undefined, "the draft is unloaded");
    const reloaded = await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.facilitator });
    expect(suggestionsIn(reloaded.json().draft.content)).toContainEqual(expect.objectContaining(expected));
    const reader = await editorView();
    expect(draftText(reader.doc)).toContain("(at least)");
  });

  it("refuses plain text inserted by a commenter with 4422, and the draft stays as it was", async () => {
    await expectRefusedAndUnchanged(
      (client) => insertAfter(client, "the opportunity", " plainly", {}),
      /inserted without your insertion mark/,
    );
    expect(serverText()).not.toContain("plainly");
  });

  it("refuses plain text deleted by a commenter with 4422", async () => {
    await expectRefusedAndUnchanged(
      (client) =>
        client.send(() => {
          const found = locateText(client.doc, "Redactions follow");
          found.text.delete(found.index, "Redactions follow".length);
        }),
      /removed outright/,
    );
  });

  it("accepts the commenter's own deletion mark on existing text", async () => {
    const editor = await editorView();
    const commenter = await openAs("advocate");
    formatText(commenter, "48 hours", { deletion: suggestionAttrs("advocate", "adv-48-hours") });
    expect(await commenter.closeCode(300)).toBeNull();
    const expected = { id: "adv-48-hours", kind: "deletion", author: userIds.advocate, text: "48 hours" };
    const committed = () => suggestionsIn(decodeDraftContent(Y.encodeStateAsUpdate(serverDoc())));
    await eventually(() => committed().some((found) => found.id === expected.id), "committed");
    expect(suggestionsIn(await storedContent())).toContainEqual(expect.objectContaining(expected));
    await eventually(() => draftText(editor.doc) === serverText(), "the editor sees the deletion mark");
  });

  it.each([
    [
      "removing the text of someone else's insertion",
      (client: RawDraftClient) =>
        client.send(() => {
          const theirs = locateSuggestion(client.doc, "demo-retention-new");
          theirs.text.delete(theirs.index, theirs.length);
        }),
      /removed outright/,
    ],
    [
      "changing someone else's insertion mark",
      (client: RawDraftClient) =>
        client.send(() => {
          const theirs = locateSuggestion(client.doc, "demo-retention-new");
          theirs.text.format(theirs.index, theirs.length, { insertion: { ...theirs.attrs, time: "2026-11-28T09:00:00.000Z" } });
        }),
      /mark of author/,
    ],
    [
      "removing someone else's deletion mark",
      (client: RawDraftClient) =>
        client.send(() => {
          const theirs = locateSuggestion(client.doc, "demo-retention-cut");
          theirs.text.format(theirs.index, theirs.length, { deletion: null });
        }),
      /suggestion marks of "180"/,
    ],
  ])("refuses %s with 4422", async (_name, edit, reason) => {
    await expectRefusedAndUnchanged(edit, reason);
  });

  it.each([
    ["an insertion naming the editor as its author", () => ({ insertion: suggestionAttrs("officer", "forged-author") }), /author/],
    [
      "an insertion under a wrong affiliation",
      () => ({ insertion: suggestionAttrs("advocate", "wrong-affiliation", { affiliation: "police" }) }),
      /affiliation "police"/,
    ],
    [
      "an insertion with no affiliation",
      () => ({ insertion: suggestionAttrs("advocate", "no-affiliation", { affiliation: null }) }),
      /affiliation null/,
    ],
  ])("refuses %s with 4422", async (_name, attributes, reason) => {
    await expectRefusedAndUnchanged((client) => insertAfter(client, "The release comprises", " forged", attributes()), reason);
  });

  it("refuses a deletion mark naming the editor as its author with 4422", async () => {
    await expectRefusedAndUnchanged(
      (client) => formatText(client, "The release comprises", { deletion: suggestionAttrs("officer", "forged-deletion") }),
      /author/,
    );
  });

  it("refuses a formatting change (bold) with 4422", async () => {
    await expectRefusedAndUnchanged((client) => formatText(client, "written summary", { strong: {} }), /formatting/);
  });

  it("refuses their own insertion mark opened at the end of a paragraph with no text after it (an editor's text typed there would come out inside it) with 4422", async () => {
    await expectRefusedAndUnchanged((client) => {
      // One hand-made formatting item after the paragraph's last character: the draft's JSON is unchanged.
      const { text } = locateText(client.doc, "Anyone may raise a concern");
      let last = text._start;
      while (last?.right) last = last.right;
      const clientId = client.doc.clientID;
      const encoder = new Y.UpdateEncoderV1();
      encoding.writeVarUint(encoder.restEncoder, 1);
      encoding.writeVarUint(encoder.restEncoder, 1);
      encoder.writeClient(clientId);
      encoding.writeVarUint(encoder.restEncoder, Y.getState(client.doc.store, clientId));
      const origin = Y.createID(last!.id.client, last!.id.clock + last!.length - 1);
      const mark = new Y.ContentFormat("insertion", suggestionAttrs("advocate", "adv-dangling"));
      new Y.Item(Y.createID(clientId, Y.getState(client.doc.store, clientId)), null, origin, null, null, null, null, mark).write(
        encoder,
        0,
      );
      encoding.writeVarUint(encoder.restEncoder, 0);
      client.raw.socket.send(encodeSyncUpdate(encoder.toUint8Array()));
    }, /An insertion mark opens on no text/);
  });

  it("refuses an attribute written with the value it already has (it would undo an editor's concurrent change) with 4422", async () => {
    await expectRefusedAndUnchanged(
      (client) =>
        client.send((fragment) => {
          const heading = fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "heading").next()
            .value as Y.XmlElement;
          heading.setAttribute("level", heading.getAttribute("level") as never);
        }),
      /may not set attributes/,
    );
  });

  it("checks a quick second update against the first while it is still being committed: an extension is accepted, an unmarking refused", async () => {
    let release = () => undefined as void;
    commitsMayProceed = new Promise<void>((resolve) => (release = resolve));
    const first = await openAs("advocate");
    const attrs = suggestionAttrs("advocate", "adv-promptly");
    insertAfter(first, "Anyone may raise a concern", " promptly", { insertion: attrs });
    insertAfter(first, "Anyone may raise a concern promptly", " and politely", { insertion: attrs });
    expect(await first.closeCode(300)).toBeNull();
    expect(serverText()).not.toContain("promptly");
    release();
    await eventually(() => serverText().includes("promptly and politely"), "both committed");
    expect(suggestionsIn(await storedContent())).toContainEqual(
      expect.objectContaining({ id: "adv-promptly", text: " promptly and politely" }),
    );

    commitsMayProceed = new Promise<void>((resolve) => (release = resolve));
    const second = await openAs("advocate");
    insertAfter(second, "or ask whether an incident was recorded", " by registered letter", {
      insertion: suggestionAttrs("advocate", "adv-by-letter"),
    });
    formatText(second, " by registered letter", { insertion: null });
    const closed = await second.raw.closed;
    expect(closed.code).toBe(collabCloseCodes.suggestionRefused);
    expect(closed.reason).toMatch(/"by registered letter" was inserted without your insertion mark/);
    release();
    await eventually(() => serverText().includes(" by registered letter"), "the first update committed");
    const stored = suggestionsIn(await storedContent());
    expect(stored).toContainEqual(expect.objectContaining({ id: "adv-by-letter", kind: "insertion", text: " by registered letter" }));
  });

  it("still closes a viewer's socket with 4403, and still lets an editor type plain text", async () => {
    const editor = await openAs("officer");
    const viewer = await openAs("observer");
    insertAfter(viewer, "Every six months", " viewer", { insertion: suggestionAttrs("advocate", "viewer-try") });
    expect((await viewer.raw.closed).code).toBe(collabCloseCodes.forbidden);
    expect(serverText()).not.toContain(" viewer");

    insertAfter(editor, "Every six months", " exactly", {});
    expect(await editor.closeCode(300)).toBeNull();
    await eventually(() => serverText().includes("Every six months exactly"), "the editor's plain text is committed");
  });

  it("closes a commenter's socket when lowered to viewer, and lets it type plain text once raised to editor", async () => {
    const setRole = async (role: string) => {
      const response = await accord.request({
        method: "PUT",
        url: `/api/policies/${policyId}/members/${userIds.advocate}`,
        cookie: cookies.facilitator,
        payload: { role, affiliation: "community" },
      });
      expect(response.statusCode).toBe(200);
    };
    const lowered = await openAs("advocate");
    await setRole("viewer");
    await eventually(() => lowered.raw.socket.readyState === lowered.raw.socket.CLOSED, "closed", 5_000);
    expect((await lowered.raw.closed).code).toBe(collabCloseCodes.forbidden);
    await setRole("commenter");

    const raised = await openAs("advocate");
    await setRole("editor");
    await new Promise((resolve) => setTimeout(resolve, 200));
    insertAfter(raised, "Every six months", " as an editor", {});
    expect(await raised.closeCode(300)).toBeNull();
    await eventually(() => serverText().includes("as an editor"), "the raised member's plain text is committed");
    raised.close();
    await setRole("commenter");
  });
});
