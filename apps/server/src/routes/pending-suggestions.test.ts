import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProposal } from "@accord/workflow";
import { insertProposal } from "../storage/proposals.js";
import { appendRuns, connectProvider, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { appendHeading, createPolicyWithWorkingGroup, eventuallyAsync, freshWorkingGroup } from "@accord/test-support/suggestion-scene.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// Item 8: pending suggestions never count as accepted text. A version saved with some shows them as
// suggestions, and can be neither proposed nor published; the database refuses such a publication too.
describe.each(testDatabaseKinds())("pending suggestions in versions on %s", (kind) => {
  let accord: TestAccord;
  let policyId = "";
  let slug = "";
  let userIds: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const bodyIds: Record<string, string> = {};
  let editorClient: ProviderClient;
  let pendingVersion = { number: 0, contentHash: "" };

  const mark = (name: "insertion" | "deletion", id: string, author: string, affiliation: string) => ({
    [name]: { id, author: userIds[author], affiliation, time: "2026-11-26T10:00:00.000Z" },
  });
  const saveVersion = async (label: string) => {
    const response = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions`,
      cookie: cookies.officer,
      payload: { label },
    });
    expect(response.statusCode).toBe(201);
    return response.json().version as { number: number; contentHash: string };
  };
  const propose = (version: { number: number; contentHash: string }) =>
    accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/proposals`,
      cookie: cookies.facilitator,
      payload: { versionNumber: version.number, contentHash: version.contentHash },
    });
  const act = (proposalId: string, name: string, payload: Record<string, unknown>) =>
    accord.request({ method: "POST", url: `/api/proposals/${proposalId}/actions`, cookie: cookies[name], payload });
  const approve = (name: "board" | "union") => ({
    kind: "record_decision",
    bodyId: bodyIds[name],
    decision: "approve",
    reason: "Adopted.",
    meetingDate: "2026-12-01",
    meetingReference: `${name} item 4`,
  });

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const origin = await accord.listen();
    for (const name of ["facilitator", "officer", "citizen", "prosecutor", "board", "union"])
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    ({ policyId, userIds } = await createPolicyWithWorkingGroup(accord, cookies.facilitator!, "Consent Searches"));
    slug = (await accord.request({ url: `/api/policies/${policyId}`, cookie: cookies.facilitator })).json().policy.slug;
    for (const body of (await accord.request({ url: "/api/bodies", cookie: cookies.facilitator })).json().bodies) {
      bodyIds[body.name.includes("Union") ? "union" : "board"] = body.id;
    }
    await accord.request({
      method: "PUT",
      url: `/api/policies/${policyId}/required-bodies`,
      cookie: cookies.facilitator,
      payload: { bodyIds: Object.values(bodyIds) },
    });

    editorClient = connectProvider(origin, policyId, cookies.officer!);
    await editorClient.synced;
    editorClient.doc.transact(() => {
      appendHeading(editorClient.doc, 1, "Consent");
      appendRuns(editorClient.doc, [
        ["Officers ask first. "],
        ["Searches need a written reason.", mark("insertion", "ins-reason", "citizen", "citizen")],
        [" Verbal consent is enough.", mark("deletion", "del-verbal", "prosecutor", "prosecutor")],
      ]);
    });
    await eventuallyAsync(async () => {
      const response = await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie: cookies.officer });
      return response.json().suggestions.length === 2;
    }, "the server committed the suggestions");
    pendingVersion = await saveVersion("With suggestions");
  });
  afterAll(async () => {
    editorClient.destroy();
    await accord.close();
  });

  it("keeps the suggestions in a saved version and shows them as <ins> and <del>", async () => {
    const response = await accord.request({ url: `/api/policies/${policyId}/versions/${pendingVersion.number}`, cookie: cookies.citizen });
    const { html, content } = response.json().version;
    expect(html).toMatch(/<ins class="suggestion suggestion-insertion[^"]*"[^>]*>Searches need a written reason\.<\/ins>/);
    expect(html).toMatch(/<del class="suggestion suggestion-deletion[^"]*"[^>]*> Verbal consent is enough\.<\/del>/);
    expect(JSON.stringify(content)).toContain('"type":"insertion"');
  });

  it("exports the version's suggestions marked as suggestions", async () => {
    const url = `/api/policies/${policyId}/versions/${pendingVersion.number}/export/md`;
    const markdown = (await accord.request({ url, cookie: cookies.citizen })).body;
    expect(markdown).toContain("Officers ask first. {++Searches need a written reason.++}{-- Verbal consent is enough.--}");
    expect(markdown).toContain("- Pending suggestions: 2,");
  });

  it("refuses to propose a version with pending suggestions", async () => {
    const response = await propose(pendingVersion);
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({
      code: "suggestions_pending",
      message: `Version ${pendingVersion.number} still has 2 pending suggestions: accept or reject them, then save a new version.`,
    });
    const proposals = await accord.request({ url: `/api/policies/${policyId}/proposals`, cookie: cookies.facilitator });
    expect(proposals.json().proposals).toEqual([]);
  });

  it("refuses again at publication, for a proposal that was made before the rule", async () => {
    const state = createProposal(
      {
        id: crypto.randomUUID(),
        policyId,
        versionNumber: pendingVersion.number,
        contentHash: pendingVersion.contentHash,
        proposedAt: accord.clock.now().toISOString(),
        workingGroup: freshWorkingGroup.map(([name, role, affiliation]) => ({ userId: userIds[name]!, role, affiliation })),
        requiredBodies: [
          { bodyId: bodyIds.board!, name: "Board of Police Commissioners" },
          { bodyId: bodyIds.union!, name: "Police Union" },
        ],
      },
      { userId: userIds.facilitator!, isFacilitator: true, role: null, affiliation: null, representedBodyIds: [] },
    );
    await insertProposal(accord.database.db, state, accord.clock.now());
    for (const name of ["officer", "citizen", "prosecutor"]) expect((await act(state.id, name, { kind: "sign_off" })).statusCode).toBe(200);
    expect((await act(state.id, "board", approve("board"))).statusCode).toBe(200);
    expect((await act(state.id, "union", approve("union"))).json().proposal.stage).toBe("approved");

    const published = await act(state.id, "facilitator", { kind: "publish", effectiveDate: "2027-01-01" });
    expect(published.statusCode).toBe(409);
    expect(published.json().error.code).toBe("suggestions_pending");
    expect((await accord.request({ url: `/api/proposals/${state.id}`, cookie: cookies.facilitator })).json().proposal.stage).toBe(
      "approved",
    );

    // The database is the last guard: a publication row for that version is refused whoever writes it.
    const direct = accord.database.db
      .insertInto("publications")
      .values({
        id: crypto.randomUUID(),
        policy_id: policyId,
        version_number: pendingVersion.number,
        content_hash: pendingVersion.contentHash,
        proposal_id: state.id,
        effective_date: "2027-01-01",
        published_at: accord.clock.now(),
        published_by: userIds.facilitator!,
        title: "Consent Searches",
        summary: "",
      })
      .execute();
    await expect(direct).rejects.toThrow(/pending suggestions/);
    expect(await accord.database.db.selectFrom("publications").select("id").where("policy_id", "=", policyId).execute()).toEqual([]);
  });

  it("keeps the public site free of suggestions: only a version without any can be proposed and published", async () => {
    expect((await accord.request({ url: `/policies/${slug}` })).statusCode).toBe(404);

    const decided = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/suggestions/decisions`,
      cookie: cookies.citizen,
      payload: { decision: "accept", suggestionIds: ["ins-reason", "del-verbal"] },
    });
    expect(decided.statusCode).toBe(200);
    const clean = await saveVersion("Decided");
    const proposed = await propose(clean);
    expect(proposed.statusCode).toBe(201);
    const proposalId = proposed.json().proposal.id;
    for (const name of ["officer", "citizen", "prosecutor"]) await act(proposalId, name, { kind: "sign_off" });
    await act(proposalId, "board", approve("board"));
    await act(proposalId, "union", approve("union"));
    expect((await act(proposalId, "facilitator", { kind: "publish", effectiveDate: "2027-02-01" })).json().proposal.stage).toBe(
      "published",
    );

    const page = await accord.request({ url: `/policies/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(clean.contentHash);
    expect(page.body).toContain("Officers ask first. Searches need a written reason.");
    expect(page.body).not.toContain("Verbal consent is enough.");
    expect(page.body).not.toMatch(/suggestion|<ins|<del/);
    expect((await accord.request({ url: `/policies/${slug}/versions/${pendingVersion.number}` })).statusCode).toBe(404);
    const canonical = await accord.request({ url: `/policies/${slug}/versions/${clean.number}/canonical.json` });
    expect(canonical.body).not.toMatch(/"insertion"|"deletion"/);
  });
});
