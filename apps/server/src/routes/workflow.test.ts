import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@accord/domain";
import { listAuditEvents } from "../storage/audit-events.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { rejectPendingSuggestions } from "@accord/test-support/reject-pending-suggestions.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("the sign-off workflow on %s", (kind) => {
  let accord: TestAccord;
  let policyId = "";
  const cookies: Record<string, string> = {};
  const bodyIds: Record<string, string> = {};

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    for (const name of ["facilitator", "officer", "citizen", "prosecutor", "advocate", "board", "union"]) {
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    }
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id;
    await rejectPendingSuggestions(accord, policyId, cookies.officer!);
    for (const body of (await accord.request({ url: "/api/bodies", cookie: cookies.facilitator })).json().bodies) {
      bodyIds[body.name.includes("Union") ? "union" : "board"] = body.id;
    }
  });
  afterAll(() => accord.close());

  const saveVersion = async (label: string) => {
    const response = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions`,
      cookie: cookies.officer,
      payload: { label },
    });
    return response.json().version as { number: number; contentHash: string };
  };
  const propose = (version: { number: number; contentHash: string }, cookie = cookies.facilitator) =>
    accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/proposals`,
      cookie,
      payload: { versionNumber: version.number, contentHash: version.contentHash, note: "Please review", deadline: "2026-12-15" },
    });
  const act = (proposalId: string, name: string, payload: Record<string, unknown>) =>
    accord.request({ method: "POST", url: `/api/proposals/${proposalId}/actions`, cookie: cookies[name], payload });
  const decision = (bodyId: string, decisionValue: "approve" | "reject", reference: string) => ({
    kind: "record_decision",
    bodyId,
    decision: decisionValue,
    reason: decisionValue === "approve" ? "Adopted as presented." : "Retention period too short.",
    meetingDate: "2026-12-01",
    meetingReference: reference,
    voteTally: { for: 5, against: 1, abstain: 0 },
  });

  let version1 = { number: 0, contentHash: "" };
  let proposalId = "";

  it("lets only the facilitator propose a version, bound to its exact hash", async () => {
    version1 = await saveVersion("For review");
    expect((await propose(version1, cookies.officer)).statusCode).toBe(403);
    const wrongHash = await propose({ number: version1.number, contentHash: "0".repeat(64) });
    expect(wrongHash.statusCode).toBe(400);
    const response = await propose(version1);
    expect(response.statusCode).toBe(201);
    const proposal = response.json().proposal;
    expect(proposal).toMatchObject({ stage: "review", versionNumber: version1.number, contentHash: version1.contentHash });
    expect(proposal.electorate.map((member: { affiliation: string }) => member.affiliation).sort()).toEqual([
      "citizen",
      "police",
      "prosecutor",
    ]);
    proposalId = proposal.id;
    const policy = await accord.request({ url: `/api/policies/${policyId}`, cookie: cookies.officer });
    expect(policy.json().policy.status).toBe("in_review");
  });

  it("shows the editors the proposal waiting for their sign-off", async () => {
    const waiting = await accord.request({ url: "/api/waiting", cookie: cookies.citizen });
    expect(waiting.json().items.map((item: { proposal: { id: string } }) => item.proposal.id)).toEqual([proposalId]);
    const advocate = await accord.request({ url: "/api/waiting", cookie: cookies.advocate });
    expect(advocate.json().items).toEqual([]);
  });

  it("refuses a commenter's sign-off and a decision during review", async () => {
    expect((await act(proposalId, "advocate", { kind: "sign_off" })).statusCode).toBe(403);
    const early = await act(proposalId, "board", decision(bodyIds.board!, "approve", "Resolution 2026-41"));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("wrong_stage");
  });

  it("blocks the sign-off rule with an open objection until it is withdrawn", async () => {
    const objected = await act(proposalId, "prosecutor", { kind: "object", reason: "Section 9.3 releases footage too early." });
    expect(objected.statusCode).toBe(200);
    const objectionId = objected.json().proposal.objections[0].id;
    expect((await act(proposalId, "officer", { kind: "sign_off" })).json().proposal.stage).toBe("review");
    expect((await act(proposalId, "citizen", { kind: "sign_off" })).json().proposal.stage).toBe("review");
    // A double click signs once.
    const again = await act(proposalId, "citizen", { kind: "sign_off" });
    expect(
      again.json().proposal.signOffs.filter((signOff: { userId: string }) => signOff.userId === again.json().proposal.signOffs[1].userId),
    ).toHaveLength(1);
    const positioned = await act(proposalId, "prosecutor", {
      kind: "set_section_position",
      section: "9.3",
      position: "reserve",
      reason: "Waiting for the DA's view.",
    });
    expect(positioned.json().proposal.sectionPositions).toEqual([expect.objectContaining({ section: "9.3", position: "reserve" })]);
    // One person cannot both object and sign off: the prosecutor withdraws the objection first.
    const both = await act(proposalId, "prosecutor", { kind: "sign_off" });
    expect(both.statusCode).toBe(409);
    expect(both.json().error.code).toBe("own_objection_open");
    const withdrawn = await act(proposalId, "prosecutor", { kind: "withdraw_objection", objectionId });
    expect(withdrawn.json().proposal.stage).toBe("review");
    expect(withdrawn.json().proposal.objections[0]).toMatchObject({ status: "withdrawn" });
    const signed = await act(proposalId, "prosecutor", { kind: "sign_off" });
    expect(signed.json().proposal.stage).toBe("awaiting_approval");
    expect(signed.json().effects).toEqual([expect.objectContaining({ kind: "stage_changed", from: "review", to: "awaiting_approval" })]);
  });

  it("records both bodies' decisions, even when they decide at the same moment", async () => {
    const [board, union] = await Promise.all([
      act(proposalId, "board", decision(bodyIds.board!, "approve", "Resolution 2026-41")),
      act(proposalId, "union", decision(bodyIds.union!, "approve", "Executive board minutes, item 7")),
    ]);
    expect([board.statusCode, union.statusCode]).toEqual([200, 200]);
    const proposal = (await accord.request({ url: `/api/proposals/${proposalId}`, cookie: cookies.officer })).json().proposal;
    expect(proposal.stage).toBe("approved");
    expect(proposal.decisions).toHaveLength(2);
  });

  it("treats a retried identical decision as done, and refuses a different second decision by the same body", async () => {
    expect((await act(proposalId, "union", decision(bodyIds.union!, "approve", "Executive board minutes, item 7"))).statusCode).toBe(200);
    const changed = await act(proposalId, "union", decision(bodyIds.union!, "reject", "Later meeting"));
    expect(changed.statusCode).toBe(409);
  });

  it("publishes the approved version with an effective date", async () => {
    // The public page of the earlier publication is rendered and cached before this one is published.
    expect((await accord.request({ url: "/policies/body-worn-cameras" })).body).not.toContain(version1.contentHash);
    expect((await act(proposalId, "officer", { kind: "publish", effectiveDate: "2027-01-01" })).statusCode).toBe(403);
    const published = await act(proposalId, "facilitator", { kind: "publish", effectiveDate: "2027-01-01" });
    expect(published.statusCode).toBe(200);
    expect(published.json().proposal).toMatchObject({ stage: "published", publication: { effectiveDate: "2027-01-01" } });
    const list = await accord.request({ url: `/api/policies/${policyId}/proposals`, cookie: cookies.officer });
    // The newest publication is the current one; the demo's earlier publication stays in the history.
    expect(list.json().publications[0]).toMatchObject({
      versionNumber: version1.number,
      contentHash: version1.contentHash,
      effectiveDate: "2027-01-01",
    });
    expect(list.json().publications.length).toBeGreaterThanOrEqual(2);
    expect((await accord.request({ url: `/api/policies/${policyId}`, cookie: cookies.officer })).json().policy.status).toBe("published");
    // The publication clears the public site's cache: the adopted text is announced at once, and the
    // version in force stays the earlier one until 2027-01-01 (the test clock says 2026-11-27).
    const page = (await accord.request({ url: "/policies/body-worn-cameras" })).body;
    expect(page).toContain(`Version ${version1.number} was adopted on`);
    expect(page).toContain("takes effect on");
    expect(page).not.toContain(version1.contentHash);
  });

  it("returns the policy to drafting-with-changes when a body rejects, with the reason visible", async () => {
    const version = await (async () => {
      await accord.request({
        method: "PATCH",
        url: `/api/policies/${policyId}`,
        cookie: cookies.facilitator,
        payload: { signOffRule: "majority" },
      });
      return { number: version1.number, contentHash: version1.contentHash };
    })();
    const proposal = (await propose(version)).json().proposal;
    await act(proposal.id, "officer", { kind: "sign_off" });
    const met = await act(proposal.id, "citizen", { kind: "sign_off" });
    expect(met.json().proposal.stage).toBe("awaiting_approval");
    const rejected = await act(proposal.id, "union", decision(bodyIds.union!, "reject", "Minutes 2026-12"));
    expect(rejected.json().proposal).toMatchObject({
      stage: "changes_requested",
      closedReason: expect.stringContaining("Retention period too short."),
    });
    expect((await accord.request({ url: `/api/policies/${policyId}`, cookie: cookies.officer })).json().policy.status).toBe(
      "changes_requested",
    );
  });

  it("supersedes an open proposal with a new one, keeping its record, and refuses a decision on the old one", async () => {
    const first = (await propose(version1)).json().proposal;
    await act(first.id, "officer", { kind: "sign_off" });
    const second = (await propose(version1)).json().proposal;
    const old = (await accord.request({ url: `/api/proposals/${first.id}`, cookie: cookies.officer })).json().proposal;
    expect(old).toMatchObject({ stage: "superseded", signOffs: [expect.objectContaining({ affiliation: "police" })] });
    const late = await act(first.id, "citizen", { kind: "sign_off" });
    expect(late.statusCode).toBe(409);
    expect(second.stage).toBe("review");
  });

  it("stays consistent when a proposal is superseded while a decision on it is in flight", async () => {
    await accord.request({
      method: "PATCH",
      url: `/api/policies/${policyId}`,
      cookie: cookies.facilitator,
      payload: { signOffRule: "majority" },
    });
    const old = (await propose(version1)).json().proposal;
    await act(old.id, "officer", { kind: "sign_off" });
    expect((await act(old.id, "citizen", { kind: "sign_off" })).json().proposal.stage).toBe("awaiting_approval");
    const [decided, proposed] = await Promise.all([
      act(old.id, "board", decision(bodyIds.board!, "approve", "Resolution 2026-50")),
      propose(version1),
    ]);
    expect(proposed.statusCode).toBe(201);
    const oldRecord = (await accord.request({ url: `/api/proposals/${old.id}`, cookie: cookies.officer })).json().proposal;
    expect(oldRecord.stage).toBe("superseded");
    if (decided.statusCode === 200) expect(oldRecord.decisions).toHaveLength(1);
    else {
      expect(decided.statusCode).toBe(409);
      expect(oldRecord.decisions).toHaveLength(0);
    }
    expect(proposed.json().proposal.decisions).toEqual([]);
  });

  it("answers a proposal of a policy I cannot read with 404", async () => {
    const outsider = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: cookies.facilitator,
      payload: { email: "stranger@example.org", displayName: "Stranger", password: "stranger-password" },
    });
    expect(outsider.statusCode).toBe(201);
    const cookie = await accord.logIn("stranger@example.org", "stranger-password");
    expect((await accord.request({ url: `/api/proposals/${proposalId}`, cookie })).statusCode).toBe(404);
    expect(
      (await accord.request({ method: "POST", url: `/api/proposals/${proposalId}/actions`, cookie, payload: { kind: "sign_off" } }))
        .statusCode,
    ).toBe(404);
  });

  it("puts every workflow event in the audit chain, whose head can be exported", async () => {
    const events = await listAuditEvents(accord.database.db);
    expect(verifyAuditChain(events)).toMatchObject({ ok: true });
    const actions = new Set(events.map((event) => event.action));
    for (const action of [
      "proposal.created",
      "proposal.sign_off",
      "proposal.object",
      "proposal.withdraw_objection",
      "proposal.record_decision",
      "proposal.publish",
      "proposal.superseded",
    ]) {
      expect(actions).toContain(action);
    }
    const head = await accord.request({ url: "/api/audit/head", cookie: cookies.officer });
    expect(head.json().head).toEqual({ seq: events.length, hash: events.at(-1)!.hash });
  });
});
