import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collabCloseCodes } from "@accord/collab";
import { draftText, eventually } from "../test-support/collab-clients.js";
import { locateText, openRawDraft } from "../test-support/raw-draft-client.js";
import { startTestAccord, type TestAccord } from "../test-support/test-app.js";

describe("the server time spent checking a commenter's updates, budgeted per connection", () => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  let advocateId = "";

  beforeAll(async () => {
    // A budget of one millisecond, refilled at one per second: a check of the demo draft takes more.
    accord = await startTestAccord("pglite", {
      env: { COLLAB_SUGGESTION_CHECK_MS_PER_SECOND: "1", COLLAB_SUGGESTION_CHECK_BURST_MS: "1", COLLAB_MESSAGES_PER_SECOND: "1000" },
    });
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "advocate"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    const accounts = (await accord.request({ url: "/api/accounts", cookie: cookies.facilitator })).json().accounts as { id: string; email: string }[];
    advocateId = accounts.find((account) => account.email === "advocate@accord.test")!.id;
    const { policies } = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json() as { policies: { id: string; slug: string }[] };
    policyId = policies.find((policy) => policy.slug === "body-worn-cameras")!.id;
  });
  afterAll(() => accord.close());

  it("closes a commenter's socket with 4429 once checking their updates has used up the budget, and keeps an editor's socket open", async () => {
    const editor = await openRawDraft(origin, policyId, cookies.officer!);
    const commenter = await openRawDraft(origin, policyId, cookies.advocate!);
    const attrs = { id: "adv-budget", author: advocateId, affiliation: "community", time: "2026-11-27T12:00:00.000Z" };
    let closed: number | null = null;
    for (let round = 0; round < 50 && closed === null; round++) {
      commenter.send(() => {
        const found = locateText(commenter.doc, "Every six months");
        found.text.insert(found.index + "Every six months".length, " !", { insertion: attrs });
      });
      closed = await commenter.closeCode(20);
    }
    expect(closed).toBe(collabCloseCodes.rateLimited);
    expect((await commenter.raw.closed).reason).toMatch(/take the server too long to check/);

    // Editors' updates are not checked against suggestions, so they spend nothing of such a budget.
    for (let round = 0; round < 5; round++) {
      editor.send(() => {
        const found = locateText(editor.doc, "Every six months");
        found.text.insert(found.index + "Every six months".length, ` e${round}`);
      });
    }
    expect(await editor.closeCode(300)).toBeNull();
    await eventually(() => draftText(accord.app.collabRegistry.peek(policyId)!.ydoc).includes(" e4"), "the editor's text is committed");
    commenter.close();
    editor.close();
  });
});
