import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRuns, connectProvider, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { appendHeading, createPolicyWithWorkingGroup, eventuallyAsync } from "@accord/test-support/suggestion-scene.js";
import { anchorAround } from "@accord/test-support/comment-anchor.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

interface Listed {
  notifications: { kind: string; title: string; body: string; proposalId: string | null; read: boolean; obsolete: boolean }[];
  unread: number;
}

const people = ["facilitator", "officer", "citizen", "prosecutor", "advocate", "observer", "board", "union"] as const;
type Name = (typeof people)[number];

describe.each(testDatabaseKinds())("who is notified of what, on %s", (kind) => {
  let accord: TestAccord;
  let policyId = "";
  let editorClient: ProviderClient;
  const cookies = {} as Record<Name, string>;
  let userIds: Record<string, string> = {};
  let lastVersion = 0;

  const send = async (name: Name, method: "GET" | "POST" | "PUT", url: string, payload?: Record<string, unknown>) => {
    const response = await accord.request({ method, url, cookie: cookies[name], ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} as ${name}: ${response.statusCode} ${response.body}`);
    return response.statusCode === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const inbox = async (name: Name) => (await send(name, "GET", "/api/notifications?limit=200")) as unknown as Listed;
  const kindsOf = async (name: Name) => (await inbox(name)).notifications.map((notification) => notification.kind).sort();
  /** Marks everyone's notifications read, so each step is judged on what it sent. */
  const clearInboxes = async () => {
    for (const name of people) await send(name, "POST", "/api/notifications/read-all");
  };
  const unreadKinds = async (name: Name) =>
    (await inbox(name)).notifications
      .filter((notification) => !notification.read && !notification.obsolete)
      .map((notification) => notification.kind)
      .sort();
  /** Adds a line to the draft (a version must differ from the last), saves it and proposes it. */
  const saveAndPropose = async (label: string) => {
    // Proposing refuses pending suggestions: decided here, when an earlier test did not get to them.
    const pending = (await send("officer", "GET", `/api/policies/${policyId}/suggestions`)).suggestions as { id: string }[];
    if (pending.length > 0) {
      await send("officer", "POST", `/api/policies/${policyId}/suggestions/decisions`, {
        decision: "accept",
        suggestionIds: pending.map((suggestion) => suggestion.id),
      });
    }
    appendRuns(editorClient.doc, [[`Revised for the ${label}.`]]);
    await eventuallyAsync(
      async () =>
        JSON.stringify((await send("observer", "GET", `/api/policies/${policyId}/draft`)).draft).includes(`Revised for the ${label}.`),
      "the server committed the line",
    );
    const version = (await send("officer", "POST", `/api/policies/${policyId}/versions`, { label })).version as {
      number: number;
      contentHash: string;
    };
    const proposal = (
      await send("facilitator", "POST", `/api/policies/${policyId}/proposals`, {
        versionNumber: version.number,
        contentHash: version.contentHash,
      })
    ).proposal as { id: string };
    lastVersion = version.number;
    return proposal.id;
  };
  const act = (name: Name, proposalId: string, payload: Record<string, unknown>) =>
    send(name, "POST", `/api/proposals/${proposalId}/actions`, payload);

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const origin = await accord.listen();
    for (const name of people) cookies[name] = await accord.logIn(`${name}@accord.test`);
    ({ policyId, userIds } = await createPolicyWithWorkingGroup(accord, cookies.facilitator, "Use of Force Training"));
    const bodies = (await send("facilitator", "GET", "/api/bodies")).bodies as { id: string }[];
    await send("facilitator", "PUT", `/api/policies/${policyId}/required-bodies`, { bodyIds: bodies.map((body) => body.id) });
    // The advocate's two suggestions, written as his suggestion-mode editor would (an editor's client may write any mark).
    const mark = (id: string) => ({
      insertion: { id, author: userIds.advocate, affiliation: "community", time: "2026-11-26T10:00:00.000Z" },
    });
    editorClient = connectProvider(origin, policyId, cookies.officer);
    await editorClient.synced;
    editorClient.doc.transact(() => {
      appendHeading(editorClient.doc, 1, "Reporting");
      appendRuns(editorClient.doc, [["Officers report every use of force within one shift."]]);
      appendRuns(editorClient.doc, [["Reports are public.", mark("adv-public")]]);
      appendRuns(editorClient.doc, [["Reports name the officer.", mark("adv-names")]]);
    });
    await eventuallyAsync(
      async () => ((await send("observer", "GET", `/api/policies/${policyId}/suggestions`)).suggestions as unknown[]).length === 2,
      "the server committed the suggestions",
    );
    await clearInboxes();
  });
  afterAll(async () => {
    editorClient.destroy();
    await accord.close();
  });

  it("tells the advocate of everything that concerns him, and no one of their own actions", async () => {
    // His thread: the citizen replies, the officer answers too, then resolves it.
    const thread = (
      await send("advocate", "POST", `/api/policies/${policyId}/threads`, {
        anchor: anchorAround(editorClient.doc, "within one shift"),
        quote: "within one shift",
        body: "Why a whole shift?",
      })
    ).thread as { id: string };
    await send("citizen", "POST", `/api/policies/${policyId}/threads/${thread.id}/comments`, { body: "Agreed, it is long." });
    expect(await unreadKinds("advocate")).toEqual(["thread_reply"]);
    expect(await unreadKinds("citizen")).toEqual([]);
    await send("officer", "POST", `/api/policies/${policyId}/threads/${thread.id}/comments`, { body: "Reports take time to write." });
    // Everyone who took part hears of a reply, except its author.
    expect(await unreadKinds("advocate")).toEqual(["thread_reply", "thread_reply"]);
    expect(await unreadKinds("citizen")).toEqual(["thread_reply"]);
    expect(await unreadKinds("officer")).toEqual([]);
    await send("officer", "POST", `/api/policies/${policyId}/threads/${thread.id}/resolve`);
    expect(await unreadKinds("advocate")).toEqual(["thread_reply", "thread_reply", "thread_resolved"]);
    expect(await unreadKinds("officer")).toEqual([]);

    // His suggestions: one accepted, one rejected, each saying which.
    const decide = (decision: string, id: string) =>
      send("officer", "POST", `/api/policies/${policyId}/suggestions/decisions`, { decision, suggestionIds: [id] });
    await decide("accept", "adv-public");
    accord.clock.advance(60_000); // the list is newest first
    await decide("reject", "adv-names");
    const decisions = (await inbox("advocate")).notifications.filter((notification) => notification.kind.startsWith("suggestion_"));
    expect(decisions.map(({ kind, title, body }) => ({ kind, title, body }))).toEqual([
      {
        kind: "suggestion_rejected",
        title: "Sgt. Marcus Reyes rejected your suggestion on Use of Force Training",
        body: "Add “Reports name the officer.”",
      },
      {
        kind: "suggestion_accepted",
        title: "Sgt. Marcus Reyes accepted your suggestion on Use of Force Training",
        body: "Add “Reports are public.”",
      },
    ]);
    expect(await unreadKinds("officer")).toEqual([]);

    // The proposal and the publication reach every member, the commenter and the viewer included.
    await clearInboxes();
    const proposalId = await saveAndPropose("first round");
    expect(await unreadKinds("advocate")).toEqual(["proposal_made"]);
    expect(await unreadKinds("observer")).toEqual(["proposal_made"]);
    expect(await unreadKinds("officer")).toEqual(["signoff_requested"]);
    expect(await unreadKinds("facilitator")).toEqual([]);
    for (const name of ["officer", "citizen", "prosecutor"] as const) await act(name, proposalId, { kind: "sign_off" });
    const bodies = (await send("facilitator", "GET", "/api/bodies")).bodies as { id: string }[];
    const meetingDate = accord.clock.now().toISOString().slice(0, 10);
    for (const [name, body] of [
      ["board", bodies[0]!],
      ["union", bodies[1]!],
    ] as const) {
      await act(name, proposalId, {
        kind: "record_decision",
        bodyId: body.id,
        decision: "approve",
        reason: "Adopted.",
        meetingDate,
        meetingReference: `${name} item 4`,
      });
    }
    await clearInboxes();
    await act("facilitator", proposalId, { kind: "publish", effectiveDate: meetingDate });
    for (const name of ["advocate", "observer", "officer", "citizen", "prosecutor", "board", "union"] as const) {
      expect({ name, kinds: await unreadKinds(name) }).toEqual({ name, kinds: ["published"] });
    }
    expect(await unreadKinds("facilitator")).toEqual([]);

    // In all, his inbox is not "Nothing new".
    expect(await kindsOf("advocate")).toEqual([
      "proposal_made",
      "published",
      "suggestion_accepted",
      "suggestion_rejected",
      "thread_reply",
      "thread_reply",
      "thread_resolved",
    ]);
  });

  it("tells the editors and the facilitator when an objection is withdrawn or overruled, not the one who did it", async () => {
    const proposalId = await saveAndPropose("second round");
    await act("prosecutor", proposalId, { kind: "object", reason: "Section 1 is vague." });
    await clearInboxes();
    const withdrawn = (await act("prosecutor", proposalId, { kind: "withdraw_objection", objectionId: "objection-1" })).proposal;
    expect(withdrawn).toBeDefined();
    for (const name of ["officer", "citizen", "facilitator"] as const)
      expect({ name, kinds: await unreadKinds(name) }).toEqual({ name, kinds: ["objection_withdrawn"] });
    expect(await unreadKinds("prosecutor")).toEqual([]);
    expect(await unreadKinds("advocate")).toEqual([]);

    await act("citizen", proposalId, { kind: "object", reason: "Too soon." });
    await clearInboxes();
    await act("facilitator", proposalId, { kind: "overrule_objection", objectionId: "objection-2", reason: "Discussed at the meeting." });
    for (const name of ["officer", "citizen", "prosecutor"] as const)
      expect({ name, kinds: await unreadKinds(name) }).toEqual({ name, kinds: ["objection_overruled"] });
    expect(await unreadKinds("facilitator")).toEqual([]);
    const overruled = (await inbox("citizen")).notifications.find((notification) => notification.kind === "objection_overruled")!;
    expect(overruled.title).toBe(
      `Dana Whitfield (Facilitator) overruled Priya Natarajan's objection to version ${lastVersion} of Use of Force Training`,
    );
    expect(overruled.body).toBe("Why: Discussed at the meeting.");
  });

  it("stops showing the sign-off requests of a superseded proposal as new", async () => {
    const first = await saveAndPropose("third round");
    const before = await inbox("officer");
    expect(before.notifications.filter((notification) => notification.proposalId === first)).toMatchObject([
      { kind: "signoff_requested", obsolete: false },
    ]);
    expect(before.unread).toBeGreaterThanOrEqual(1);
    const second = await saveAndPropose("fourth round");
    const after = await inbox("officer");
    expect(after.notifications.filter((notification) => notification.proposalId === first)).toMatchObject([
      { kind: "signoff_requested", read: false, obsolete: true },
    ]);
    expect(after.notifications.filter((notification) => notification.proposalId === second)).toMatchObject([
      { kind: "signoff_requested", obsolete: false },
    ]);
    // The one request that stands is the only new one of its kind.
    expect(after.unread).toBe(before.unread);
  });
});
