import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collabCloseCodes } from "@accord/collab";
import { appendRuns, connectProvider, draftText, eventually, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { locateSuggestion, locateText, openRawDraft, type RawDraftClient } from "@accord/test-support/raw-draft-client.js";
import { createPolicyWithWorkingGroup } from "@accord/test-support/suggestion-scene.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("a commenter's update judged against everything in flight and pending (%s)", (kind) => {
  let accord: TestAccord;
  let origin = "";
  const cookies: Record<string, string> = {};
  const rawClients: RawDraftClient[] = [];
  const providers: ProviderClient[] = [];
  // Commits wait for this: a test holds it to act while an update is appended but not yet committed.
  let commitsMayProceed: Promise<void> = Promise.resolve();

  const serverDoc = (policyId: string) => accord.app.collabRegistry.peek(policyId)!;
  const own = (userIds: Record<string, string>, id: string) => ({
    insertion: { id, author: userIds.advocate, affiliation: "community", time: "2026-11-27T12:00:00.000Z" },
  });
  /** A fresh policy whose draft holds the paragraphs, written by an editor who stays connected. */
  async function scene(title: string, paragraphs: string[]): Promise<{ policyId: string; userIds: Record<string, string> }> {
    const created = await createPolicyWithWorkingGroup(accord, cookies.facilitator!, title);
    const editor = connectProvider(origin, created.policyId, cookies.officer!);
    providers.push(editor);
    await editor.synced;
    editor.doc.transact(() => {
      for (const text of paragraphs) appendRuns(editor.doc, [[text]]);
    });
    await eventually(
      () => paragraphs.every((text) => draftText(serverDoc(created.policyId).ydoc).includes(text)),
      "the scene is committed",
    );
    return created;
  }
  const openAs = async (name: string, policyId: string) => {
    const client = await openRawDraft(origin, policyId, cookies[name]!);
    rawClients.push(client);
    return client;
  };

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
    for (const name of ["facilitator", "officer", "advocate"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
  });
  afterEach(() => {
    for (const client of rawClients.splice(0)) client.close();
    for (const provider of providers.splice(0)) provider.destroy();
  });
  afterAll(() => accord.close());

  it("refuses a commenter's deletion of their suggestion's text while an editor's accept of it is being committed", async () => {
    const { policyId, userIds } = await scene("Complaints", ["Complaints are answered within a week."]);
    const commenter = await openAs("advocate", policyId);
    commenter.send(() => {
      const found = locateText(commenter.doc, "Complaints are answered");
      found.text.insert(found.index + "Complaints are answered".length, " in writing", own(userIds, "adv-writing"));
    });
    await eventually(() => draftText(serverDoc(policyId).ydoc).includes(" in writing"), "the suggestion is committed");

    let release = () => undefined as void;
    commitsMayProceed = new Promise<void>((resolve) => (release = resolve));
    const accepting = accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/suggestions/decisions`,
      cookie: cookies.officer,
      payload: { decision: "accept", suggestionIds: ["adv-writing"] },
    });
    let closed: { code: number; reason: string } | null;
    try {
      await eventually(() => serverDoc(policyId).inFlight.size === 1, "the accept is appended, not yet committed");
      commenter.send(() => {
        const mine = locateSuggestion(commenter.doc, "adv-writing");
        mine.text.delete(mine.index, mine.length);
      });
      closed = await Promise.race([commenter.raw.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    } finally {
      release();
    }
    // Judged against the accepted text, the deletion removes plain text.
    expect(closed?.code).toBe(collabCloseCodes.suggestionRefused);
    expect(closed?.reason).toMatch(/"in writing" was removed outright/);
    expect((await accepting).statusCode).toBe(200);
    await eventually(() => serverDoc(policyId).inFlight.size === 0, "everything committed");
    const stored = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.officer })).json().draft.content;
    expect(JSON.stringify(stored)).toContain("Complaints are answered in writing within a week.");
    expect(JSON.stringify(stored)).not.toContain("insertion");
  });

  it("accepts a commenter's suggestion although the draft holds a pending deletion from an editor's incomplete update", async () => {
    const { policyId, userIds } = await scene("Retention", ["Footage is kept for a year."]);
    const editor = await openAs("officer", policyId);
    // A new paragraph with text the server never receives, then a deletion of some of that text: the
    // deletion names structs the server lacks, so it waits there. (Structs whose place the server cannot
    // tell are refused with 1013 instead; a deletion is always well-formed, so it is let through.)
    let unsent = new Y.XmlText();
    editor.doc.transact(() => {
      const paragraph = new Y.XmlElement("paragraph");
      unsent = new Y.XmlText();
      paragraph.insert(0, [unsent]);
      editor.doc.getXmlFragment("prosemirror").push([paragraph]);
      unsent.insert(0, "never arrives");
    });
    editor.send(() => unsent.delete(0, 6));
    await eventually(() => serverDoc(policyId).ydoc.store.pendingDs !== null, "the editor's deletion is pending on the server");
    expect(await editor.closeCode(100)).toBeNull();

    const commenter = await openAs("advocate", policyId);
    commenter.send(() => {
      const found = locateText(commenter.doc, "Footage is kept");
      found.text.insert(found.index + "Footage is kept".length, " securely", own(userIds, "adv-securely"));
    });
    expect(await commenter.closeCode(300)).toBeNull();
    await eventually(() => draftText(serverDoc(policyId).ydoc).includes(" securely"), "the suggestion is committed");
  });

  it("still refuses a commenter's update that itself leaves something pending", async () => {
    const { policyId, userIds } = await scene("Access", ["Requests are logged."]);
    const commenter = await openAs("advocate", policyId);
    // Their own suggestion, never sent, then deleted: the deletion names structs the server lacks.
    commenter.doc.transact(() => {
      const found = locateText(commenter.doc, "Requests are logged");
      found.text.insert(found.index + "Requests are logged".length, " daily", own(userIds, "adv-daily"));
    });
    commenter.send(() => {
      const mine = locateSuggestion(commenter.doc, "adv-daily");
      mine.text.delete(mine.index, mine.length);
    });
    const closed = await commenter.raw.closed;
    expect(closed.code).toBe(collabCloseCodes.suggestionRefused);
    expect(closed.reason).toMatch(/depends on changes the server does not have/);
  });
});
