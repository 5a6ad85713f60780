import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collabCloseCodes } from "@accord/collab";
import { connectRaw, draftText, eventually, type CloseInfo } from "@accord/test-support/collab-clients.js";
import { locateText, openRawDraft, type RawDraftClient } from "@accord/test-support/raw-draft-client.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("the server time spent checking a commenter's updates, budgeted per account (%s)", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  let advocateId = "";
  const clients: RawDraftClient[] = [];
  let suggestionNumber = 0;

  beforeAll(async () => {
    // A burst of 200 ms of checking, refilled at 1 ms a second by the test's clock, which stands still:
    // a check of the demo draft takes a few milliseconds (tens while the code is cold), so an account
    // gets some checks and then none until the test moves the clock. At most two sockets per account
    // and policy.
    accord = await startTestAccord(kind, {
      env: {
        COLLAB_SUGGESTION_CHECK_MS_PER_SECOND: "1",
        COLLAB_SUGGESTION_CHECK_BURST_MS: "200",
        COLLAB_MESSAGES_PER_SECOND: "1000",
        COLLAB_MAX_SOCKETS_PER_ACCOUNT: "2",
      },
    });
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "advocate", "observer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    const accounts = (await accord.request({ url: "/api/accounts", cookie: cookies.facilitator })).json().accounts as {
      id: string;
      email: string;
    }[];
    advocateId = accounts.find((account) => account.email === "advocate@accord.test")!.id;
    const { policies } = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json<{
      policies: { id: string; slug: string }[];
    }>();
    policyId = policies.find((policy) => policy.slug === "body-worn-cameras")!.id;
  });
  // A reader keeps the draft loaded, so that the server's document shows what is committed throughout.
  beforeEach(async () => void (await open("observer")));
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    // Whatever the last test spent is repaid (200 ms and the last check's overshoot, at 1 ms a second),
    // so each test starts with a full budget.
    accord.clock.advance(3_600_000);
    await eventually(() => accord.app.collabRegistry.loadedCount === 0, "every socket has left the draft");
  });
  afterAll(() => accord.close());

  const open = async (name: string) => {
    const client = await openRawDraft(origin, policyId, cookies[name]!);
    clients.push(client);
    return client;
  };
  const serverText = () => draftText(accord.app.collabRegistry.peek(policyId)!.ydoc);

  /**
   * Sends `count` suggestions, one update each (or, for an editor, plain text); resolves "committed" once
   * the server has the last, or how the socket closed.
   */
  const suggestOnce = async (client: RawDraftClient, asEditor = false, count = 1): Promise<"committed" | CloseInfo> => {
    let marker = "";
    for (let index = 0; index < count; index++) {
      marker = ` s${++suggestionNumber}.`;
      const attrs = { id: `budget-${suggestionNumber}`, author: advocateId, affiliation: "community", time: "2026-11-27T12:00:00.000Z" };
      client.send(() => {
        const found = locateText(client.doc, "Every six months");
        const at = found.index + "Every six months".length;
        if (asEditor) found.text.insert(at, marker);
        else found.text.insert(at, marker, { insertion: attrs });
      });
    }
    let closed: CloseInfo | null = null;
    void client.raw.closed.then((close) => (closed = close));
    await eventually(() => closed !== null || serverText().includes(marker), "the update was committed or the socket closed");
    return closed ?? "committed";
  };
  // The last suggestion sent. A refused socket's earlier suggestions may still be on their way into
  // the document (committed to the database first, applied after), so a test asks whether this one
  // landed rather than comparing the whole text before and after.
  const lastMarker = () => ` s${suggestionNumber}.`;
  /** Suggests, five at a time, until the socket is closed; returns whether any was committed, and how it closed. */
  const suggestUntilClosed = async (client: RawDraftClient): Promise<{ committed: boolean; close: CloseInfo }> => {
    const firstMarker = ` s${suggestionNumber + 1}.`;
    for (let round = 0; round < 1000; round++) {
      const outcome = await suggestOnce(client, false, 5);
      if (outcome !== "committed") return { committed: serverText().includes(firstMarker), close: outcome };
    }
    throw new Error("Five thousand suggestions were checked without running out of budget.");
  };

  it("closes a commenter's socket with 4429 once the account's budget is used up, and a reconnect does not reset it", async () => {
    const first = await open("advocate");
    const spent = await suggestUntilClosed(first);
    expect(spent.committed).toBe(true);
    expect(spent.close.code).toBe(collabCloseCodes.rateLimited);
    expect(spent.close.reason).toMatch(/take the server too long to check/);

    const again = await open("advocate");
    expect(await suggestOnce(again)).toMatchObject({ code: collabCloseCodes.rateLimited });
    expect(serverText()).not.toContain(lastMarker());

    // The account's budget refills with the (test's) clock, and then a new socket may suggest again.
    accord.clock.advance(3_600_000);
    expect(await suggestOnce(await open("advocate"))).toBe("committed");
  });

  it("charges all of an account's sockets to one budget", async () => {
    const one = await open("advocate");
    const other = await open("advocate");
    const spent = await suggestUntilClosed(one);
    expect(spent.close.code).toBe(collabCloseCodes.rateLimited);
    expect(await suggestOnce(other)).toMatchObject({ code: collabCloseCodes.rateLimited });
    expect(serverText()).not.toContain(lastMarker());
  });

  it("leaves an editor's updates unchecked and unbudgeted while a commenter's budget is used up", async () => {
    const commenter = await open("advocate");
    const editor = await open("officer");
    expect((await suggestUntilClosed(commenter)).close.code).toBe(collabCloseCodes.rateLimited);
    for (let round = 0; round < 20; round++) expect(await suggestOnce(editor, true)).toBe("committed");
  });

  it("closes a socket beyond the cap of sockets per account and policy with 4429, and counts a closed one out", async () => {
    await open("advocate");
    const second = await open("advocate");
    const third = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: cookies.advocate! });
    const refused = await third.closed;
    expect(refused.code).toBe(collabCloseCodes.rateLimited);
    expect(refused.reason).toMatch(/too many tabs or windows \(at most 2\)/);
    // Another account is not counted with this one.
    await open("officer");

    second.close();
    await second.raw.closed;
    await eventually(() => accord.app.collabRegistry.peek(policyId)!.peers.size === 3, "the closed socket has left the draft");
    expect(await suggestOnce(await open("advocate"))).toBe("committed");
  });
});
