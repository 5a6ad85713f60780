import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSuggestionRuns, groupSuggestionRuns } from "@accord/collab";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { listAuditEvents } from "../storage/audit-events.js";
import { appendRuns, connectProvider, eventually, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { appendHeading, createPolicyWithWorkingGroup, eventuallyAsync } from "@accord/test-support/suggestion-scene.js";

/** The text of every text node of a ProseMirror JSON document, with the names of its marks. */
function textRuns(node: PolicyNodeJSON): { text: string; marks: string[] }[] {
  if (node.type === "text") return [{ text: node.text ?? "", marks: (node.marks ?? []).map((mark) => mark.type) }];
  return (node.content ?? []).flatMap(textRuns);
}

describe.each(testDatabaseKinds())("deciding suggestions on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  let userIds: Record<string, string> = {};
  let editorClient: ProviderClient;

  const suggestion = (kindName: "insertion" | "deletion", id: string, author: string, affiliation: string) => ({
    [kindName]: { id, author: userIds[author], affiliation, time: "2026-11-26T10:00:00.000Z" },
  });
  const decide = (name: string, payload: Record<string, unknown>) =>
    accord.request({ method: "POST", url: `/api/policies/${policyId}/suggestions/decisions`, cookie: cookies[name], payload });
  const pending = async () =>
    (await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie: cookies.observer })).json().suggestions as {
      id: string;
      kind: string;
      text: string;
      author: { id: string; name: string; affiliation: string | null };
      affiliation: string | null;
      section: string | null;
    }[];
  const draftRuns = async () =>
    textRuns((await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.observer })).json().draft.content);

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "citizen", "prosecutor", "advocate", "observer"])
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    ({ policyId, userIds } = await createPolicyWithWorkingGroup(accord, cookies.facilitator!, "Stop and Search"));
    // An editor may write any suggestion mark, attributed to anyone: that sets the scene.
    editorClient = connectProvider(origin, policyId, cookies.officer!);
    await editorClient.synced;
    editorClient.doc.transact(() => {
      appendHeading(editorClient.doc, 1, "Records");
      appendRuns(editorClient.doc, [
        ["Officers keep a log. "],
        ["Each entry is signed.", suggestion("insertion", "i-cit", "citizen", "citizen")],
      ]);
      appendRuns(editorClient.doc, [
        ["Supervisors review footage "],
        ["weekly", suggestion("deletion", "d-pol", "officer", "police")],
        ["daily", suggestion("insertion", "i-pol", "officer", "police")],
        ["."],
      ]);
      appendRuns(editorClient.doc, [
        ["Prosecutors receive copies.", suggestion("insertion", "i-pro", "prosecutor", "prosecutor")],
        [" Obsolete clause.", suggestion("deletion", "d-pro", "prosecutor", "prosecutor")],
      ]);
      appendRuns(editorClient.doc, [["Community notice.", suggestion("insertion", "i-adv", "advocate", "community")]]);
    });
    await eventuallyAsync(async () => (await pending()).length === 6, "the server committed the suggestions");
  });
  afterAll(async () => {
    editorClient.destroy();
    await accord.close();
  });

  it("lists the pending suggestions in document order with their authors and sections", async () => {
    const suggestions = await pending();
    expect(suggestions.map(({ id, kind, text }) => ({ id, kind, text }))).toEqual([
      { id: "i-cit", kind: "insertion", text: "Each entry is signed." },
      { id: "d-pol", kind: "deletion", text: "weekly" },
      { id: "i-pol", kind: "insertion", text: "daily" },
      { id: "i-pro", kind: "insertion", text: "Prosecutors receive copies." },
      { id: "d-pro", kind: "deletion", text: " Obsolete clause." },
      { id: "i-adv", kind: "insertion", text: "Community notice." },
    ]);
    expect(suggestions[0]).toMatchObject({
      author: { id: userIds.citizen, name: "Priya Natarajan", affiliation: "citizen" },
      affiliation: "citizen",
      section: "1",
    });
  });

  it("lets only editors decide", async () => {
    for (const name of ["advocate", "observer"]) {
      const response = await decide(name, { decision: "accept", suggestionIds: ["i-cit"] });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("forbidden");
    }
    expect(await pending()).toHaveLength(6);
  });

  it("refuses a request naming both or neither of suggestionIds and authorId", async () => {
    expect((await decide("officer", { decision: "accept", suggestionIds: ["i-cit"], authorId: userIds.citizen })).statusCode).toBe(400);
    expect((await decide("officer", { decision: "accept" })).json().error.code).toBe("validation_failed");
    expect((await decide("officer", { decision: "maybe", suggestionIds: ["i-cit"] })).statusCode).toBe(400);
  });

  it("answers 404 suggestion_not_found naming unknown ids, and decides nothing", async () => {
    const response = await decide("officer", { decision: "accept", suggestionIds: ["i-cit", "no-such-one"] });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("suggestion_not_found");
    expect(response.json().error.message).toContain('"no-such-one"');
    expect(response.json().error.message).not.toContain('"i-cit"');
    expect(await pending()).toHaveLength(6);
  });

  it("accepts one suggestion: its text stays without the mark, the decision and its audit event are recorded, and clients see it live", async () => {
    accord.clock.advance(60_000);
    const response = await decide("officer", { decision: "accept", suggestionIds: ["i-cit"] });
    expect(response.statusCode).toBe(200);
    expect(response.json().decided).toEqual([
      {
        suggestionId: "i-cit",
        kind: "insertion",
        text: "Each entry is signed.",
        author: { id: userIds.citizen, name: "Priya Natarajan", affiliation: "citizen" },
        decision: "accepted",
      },
    ]);
    expect((await draftRuns()).find((run) => run.text.includes("Each entry is signed."))?.marks).toEqual([]);
    expect((await pending()).map((entry) => entry.id)).not.toContain("i-cit");

    // The demo data has decisions on its own policy: only this policy's count here.
    const rows = await accord.database.db.selectFrom("suggestion_decisions").selectAll().where("policy_id", "=", policyId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      policy_id: policyId,
      suggestion_id: "i-cit",
      kind: "insertion",
      author_id: userIds.citizen,
      author_affiliation: "citizen",
      text: "Each entry is signed.",
      decision: "accepted",
      decided_by: userIds.officer,
    });
    expect(new Date(rows[0]!.suggested_at).toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(new Date(rows[0]!.decided_at).toISOString()).toBe(accord.clock.now().toISOString());
    const audit = (await listAuditEvents(accord.database.db)).filter((event) => event.action === "suggestions.accepted");
    expect(audit).toEqual([
      expect.objectContaining({ actorId: userIds.officer, subjectId: policyId, payload: { suggestionIds: ["i-cit"] } }),
    ]);

    const fragment = editorClient.doc.getXmlFragment("prosemirror");
    await eventually(
      () => !groupSuggestionRuns(findSuggestionRuns(fragment)).some((found) => found.id === "i-cit"),
      "the editor's client saw the decision",
    );
    expect(fragment.toString()).toContain("Each entry is signed.");
  });

  it("rejects one suggestion: its text is gone", async () => {
    accord.clock.advance(60_000);
    const response = await decide("citizen", { decision: "reject", suggestionIds: ["i-pol"] });
    expect(response.json().decided).toEqual([expect.objectContaining({ suggestionId: "i-pol", text: "daily", decision: "rejected" })]);
    const runs = await draftRuns();
    expect(runs.some((run) => run.text.includes("daily"))).toBe(false);
    expect(runs.find((run) => run.text === "weekly")?.marks).toEqual(["deletion"]);
  });

  it("accepts all of one author's suggestions and leaves everyone else's untouched", async () => {
    accord.clock.advance(60_000);
    const response = await decide("citizen", { decision: "accept", authorId: userIds.prosecutor });
    expect(response.json().decided.map((entry: { suggestionId: string; kind: string }) => `${entry.kind}:${entry.suggestionId}`)).toEqual([
      "insertion:i-pro",
      "deletion:d-pro",
    ]);
    const runs = await draftRuns();
    expect(runs.find((run) => run.text.includes("Prosecutors receive copies."))?.marks).toEqual([]);
    expect(runs.some((run) => run.text.includes("Obsolete clause."))).toBe(false);
    expect((await pending()).map((entry) => entry.id)).toEqual(["d-pol", "i-adv"]);
  });

  it("answers 404 suggestion_not_found for an author with no pending suggestion", async () => {
    const response = await decide("citizen", { decision: "accept", authorId: userIds.prosecutor });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: "suggestion_not_found", message: expect.stringContaining("ADA Helen Okafor") });
  });

  it("never lets a suggestion dated before the year 2000 into the draft, so no decision on one can fail", async () => {
    const client = connectProvider(origin, policyId, cookies.officer!);
    try {
      await client.synced;
      const yearZero = { insertion: { id: "i-old", author: userIds.officer, affiliation: "police", time: "0000-01-01T00:00:00.000Z" } };
      appendRuns(client.doc, [["From the year zero.", yearZero]]);
      await eventually(() => client.closes.length > 0, "the server closed the socket");
      expect(client.closes[0]!.code).toBe(4400);
    } finally {
      client.destroy();
    }
    expect((await pending()).map((entry) => entry.id)).not.toContain("i-old");
    const response = await decide("officer", { decision: "accept", suggestionIds: ["i-old"] });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("suggestion_not_found");
  });

  it("adds up authorship by affiliation from the decisions, with the newest decisions first", async () => {
    const response = await accord.request({ url: `/api/policies/${policyId}/authorship`, cookie: cookies.observer });
    expect(response.statusCode).toBe(200);
    const { affiliations, decisions } = response.json();
    expect(affiliations).toEqual([
      {
        affiliation: "prosecutor",
        acceptedInsertedCharacters: "Prosecutors receive copies.".length,
        acceptedDeletedCharacters: " Obsolete clause.".length,
        accepted: 2,
        rejected: 0,
      },
      {
        affiliation: "citizen",
        acceptedInsertedCharacters: "Each entry is signed.".length,
        acceptedDeletedCharacters: 0,
        accepted: 1,
        rejected: 0,
      },
      { affiliation: "police", acceptedInsertedCharacters: 0, acceptedDeletedCharacters: 0, accepted: 0, rejected: 1 },
    ]);
    expect(decisions.map((entry: { suggestionId: string }) => entry.suggestionId)).toEqual(["d-pro", "i-pro", "i-pol", "i-cit"]);
    expect(decisions[2]).toMatchObject({
      kind: "insertion",
      text: "daily",
      author: { id: userIds.officer, name: "Sgt. Marcus Reyes", affiliation: "police" },
      affiliation: "police",
      suggestedAt: "2026-11-26T10:00:00.000Z",
      decision: "rejected",
      decidedBy: { id: userIds.citizen, name: "Priya Natarajan", affiliation: "citizen" },
    });
  });
});
