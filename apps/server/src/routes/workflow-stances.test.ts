import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../storage/audit-events.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { rejectPendingSuggestions } from "@accord/test-support/reject-pending-suggestions.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// One person, one stance: an objection replaces the objector's sign-off, a sign-off waits for the
// person's own objection to be withdrawn, and section positions can be changed or withdrawn while the
// working group reviews, with their history kept (issue 12, items 9, 10 and 14).
describe.each(testDatabaseKinds())("a person's stance on a proposal on %s", (kind) => {
  let accord: TestAccord;
  let policyId = "";
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    for (const name of ["facilitator", "officer", "citizen", "prosecutor"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id;
    await rejectPendingSuggestions(accord, policyId, cookies.officer!);
    for (const account of (await accord.request({ url: "/api/accounts", cookie: cookies.facilitator })).json().accounts) {
      userIds[account.email.split("@")[0]] = account.id;
    }
  });
  afterAll(() => accord.close());

  let version = { number: 0, contentHash: "" };
  // Each test proposes the same version afresh (a new proposal supersedes the open one).
  const proposeAfresh = async (label: string) => {
    if (version.number === 0) {
      const saved = await accord.request({
        method: "POST",
        url: `/api/policies/${policyId}/versions`,
        cookie: cookies.officer,
        payload: { label },
      });
      version = saved.json().version;
    }
    const proposed = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/proposals`,
      cookie: cookies.facilitator,
      payload: { versionNumber: version.number, contentHash: version.contentHash },
    });
    if (proposed.statusCode !== 201) throw new Error(`Could not propose: ${proposed.body}`);
    return proposed.json().proposal.id as string;
  };
  const act = (proposalId: string, name: string, payload: Record<string, unknown>) =>
    accord.request({ method: "POST", url: `/api/proposals/${proposalId}/actions`, cookie: cookies[name], payload });

  it("withdraws the objector's own sign-off when they object, and says so in the answer and the audit record", async () => {
    const proposalId = await proposeAfresh("Objection after sign-off");
    await act(proposalId, "prosecutor", { kind: "sign_off" });
    const objected = await act(proposalId, "prosecutor", { kind: "object", reason: "Section 9.3 releases footage too early." });
    expect(objected.statusCode).toBe(200);
    const proposal = objected.json().proposal;
    expect(proposal.signOffs.map((given: { userId: string }) => given.userId)).not.toContain(userIds.prosecutor);
    expect(proposal.objections[0]).toMatchObject({
      authorId: userIds.prosecutor,
      status: "open",
      withdrewSignOffGivenAt: expect.any(String),
    });
    expect(objected.json().effects).toEqual([{ kind: "sign_off_withdrawn", message: expect.stringContaining("Your sign-off") }]);
    const events = await listAuditEvents(accord.database.db);
    const audit = events.filter((event) => event.subjectId === proposalId && event.action === "proposal.object");
    expect(audit).toEqual([expect.objectContaining({ payload: expect.objectContaining({ signOffWithdrawn: true }) })]);
  });

  it("refuses a sign-off while the person's own objection is open, and changes nothing", async () => {
    const proposalId = await proposeAfresh("Sign-off over own objection");
    const objected = await act(proposalId, "citizen", { kind: "object", reason: "Consent is not recorded." });
    const refused = await act(proposalId, "citizen", { kind: "sign_off" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "own_objection_open", message: expect.stringContaining("Withdraw it first") });
    const now = (await accord.request({ url: `/api/proposals/${proposalId}`, cookie: cookies.citizen })).json().proposal;
    expect(now.signOffs).toEqual([]);
    // The button is not offered either: the person is offered the withdrawal instead.
    expect(now.myActions.map((action: { kind: string }) => action.kind)).toEqual(expect.arrayContaining(["withdraw_objection"]));
    expect(now.myActions.map((action: { kind: string }) => action.kind)).not.toContain("sign_off");
    expect(objected.json().effects).toEqual([]);
  });

  it("tells, before the last sign-off, that it will send the proposal to the bodies", async () => {
    const proposalId = await proposeAfresh("Last sign-off");
    await act(proposalId, "officer", { kind: "sign_off" });
    await act(proposalId, "citizen", { kind: "sign_off" });
    const seen = (await accord.request({ url: `/api/proposals/${proposalId}`, cookie: cookies.prosecutor })).json().proposal;
    expect(seen.myActions.find((action: { kind: string }) => action.kind === "sign_off")).toMatchObject({
      advancesTo: "awaiting_approval",
      consequence: expect.stringContaining("goes to the approving bodies"),
    });
  });

  it("lets a member change and withdraw a section position during review, keeping the history, and closes them after", async () => {
    const proposalId = await proposeAfresh("Section positions");
    const stance = (position: string, reason: string) =>
      act(proposalId, "citizen", { kind: "set_section_position", section: "3", position, reason });
    expect((await stance("object", "Too vague.")).statusCode).toBe(200);
    expect((await stance("approve", "")).json().proposal.sectionPositions).toEqual([
      expect.objectContaining({ userId: userIds.citizen, section: "3", position: "approve" }),
    ]);
    const withdrawn = await act(proposalId, "citizen", { kind: "withdraw_section_position", section: "3" });
    expect(withdrawn.statusCode).toBe(200);
    const proposal = withdrawn.json().proposal;
    expect(proposal.sectionPositions).toEqual([]);
    expect(proposal.sectionPositionHistory.map((change: { position: string }) => change.position)).toEqual([
      "object",
      "approve",
      "withdrawn",
    ]);
    const audited = (await listAuditEvents(accord.database.db))
      .filter((event) => event.subjectId === proposalId)
      .map((event) => event.action);
    expect(audited).toEqual(expect.arrayContaining(["proposal.set_section_position", "proposal.withdraw_section_position"]));

    // Once the working group has signed off, positions are closed: the final ones stay as they were.
    expect((await stance("reserve", "Still thinking.")).statusCode).toBe(200);
    for (const name of ["officer", "citizen", "prosecutor"]) await act(proposalId, name, { kind: "sign_off" });
    const late = await act(proposalId, "citizen", { kind: "withdraw_section_position", section: "3" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("wrong_stage");
    const record = (await accord.request({ url: `/api/proposals/${proposalId}`, cookie: cookies.officer })).json().proposal;
    expect(record.stage).toBe("awaiting_approval");
    expect(record.sectionPositions).toEqual([expect.objectContaining({ section: "3", position: "reserve" })]);
    expect(record.sectionPositionHistory).toHaveLength(4);
  });

  it("explains a missing reason for an objection to a section in a sentence, also on the field", async () => {
    const proposalId = await proposeAfresh("Reasons");
    const refused = await act(proposalId, "citizen", { kind: "set_section_position", section: "4.2", position: "object", reason: "  " });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: "reason_required",
      message: "Give a reason for objecting to section 4.2.",
      fields: [{ path: "/reason", message: "Give a reason for objecting to section 4.2." }],
    });
    // Approving needs no reason.
    expect(
      (await act(proposalId, "citizen", { kind: "set_section_position", section: "4.2", position: "approve", reason: "" })).statusCode,
    ).toBe(200);
  });
});
