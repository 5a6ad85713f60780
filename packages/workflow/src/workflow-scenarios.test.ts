import { describe, expect, it } from "vitest";
import { supersede } from "./proposal.js";
import { evaluateSignOffRule } from "./sign-off-rule.js";
import {
  actors,
  applyAll,
  buildActor,
  buildProposal,
  decisionEvent,
  demoWorkingGroup,
  deepFreeze,
  helpers,
  nextTime,
  proposalAt,
  refusalOf,
} from "./test-factories.js";
import { transition } from "./transition.js";
import type { ProposalState, WorkflowEvent } from "./types.js";

const { facilitator, electorEditor: citizen, requiredBodyRep: boardRep } = actors;
const { officer, prosecutor, unionRep } = helpers;

const signOff = (): WorkflowEvent => ({ kind: "sign_off", at: nextTime() });
const objectTo = (reason: string): WorkflowEvent => ({ kind: "object", at: nextTime(), reason });

describe("the whole way from proposal to publication", () => {
  it("goes through review, approval by both bodies and publication", () => {
    let state = deepFreeze(buildProposal());
    expect(state.stage).toBe("review");

    state = deepFreeze(transition(state, signOff(), officer));
    state = deepFreeze(transition(state, signOff(), citizen));
    expect(state.stage).toBe("review");
    expect(evaluateSignOffRule(state).missingAffiliations).toEqual(["prosecutor"]);

    // The third affiliation's sign-off meets the rule, and the stage moves at once.
    state = deepFreeze(transition(state, signOff(), prosecutor));
    expect(state.stage).toBe("awaiting_approval");
    expect(state.signOffs.map((given) => given.affiliation)).toEqual(["police", "citizen", "prosecutor"]);

    state = deepFreeze(transition(state, decisionEvent("board", "approve"), boardRep));
    expect(state.stage).toBe("awaiting_approval");
    state = deepFreeze(transition(state, decisionEvent("union", "approve"), unionRep));
    expect(state.stage).toBe("approved");

    const publishedAt = nextTime();
    state = transition(state, { kind: "publish", at: publishedAt, effectiveDate: "2025-05-01" }, facilitator);
    expect(state.stage).toBe("published");
    expect(state.publication).toEqual({ effectiveDate: "2025-05-01", publishedBy: "facilitator", publishedAt });
    expect(state.decisions.map((decision) => [decision.bodyId, decision.recordedBy])).toEqual([
      ["board", "board-rep"],
      ["union", "union-rep"],
    ]);
  });

  it("refuses to publish before approval, naming the stage", () => {
    expect(
      refusalOf(proposalAt("awaiting_approval"), { kind: "publish", at: nextTime(), effectiveDate: "2025-05-01" }, facilitator),
    ).toMatchObject({
      code: "wrong_stage",
      message: "This proposal is awaiting approval; only an approved proposal can be published.",
    });
  });

  it("says plainly that sign-offs are closed once the proposal awaits approval", () => {
    expect(refusalOf(proposalAt("awaiting_approval"), signOff(), officer)).toMatchObject({
      code: "wrong_stage",
      status: 409,
      message: "This proposal is awaiting approval; sign-offs are closed.",
    });
  });
});

describe("objections", () => {
  // A second citizen on the group objects: every affiliation can sign off while her objection is open.
  const neighbour = buildActor({ userId: "neighbour", role: "editor", affiliation: "citizen" });
  const signedByAll = (): ProposalState =>
    applyAll(buildProposal({ workingGroup: [...demoWorkingGroup, { userId: "neighbour", role: "editor", affiliation: "citizen" }] }), [
      [objectTo("Section 4.2 lets officers record inside homes without consent."), neighbour],
      [signOff(), officer],
      [signOff(), citizen],
      [signOff(), prosecutor],
    ]);

  it("block the rule until the author withdraws, and the withdrawal is recorded with who and when", () => {
    const blocked = deepFreeze(signedByAll());
    expect(blocked.stage).toBe("review");
    expect(evaluateSignOffRule(blocked)).toMatchObject({ met: false, signed: 3, needed: 3 });
    expect(evaluateSignOffRule(blocked).openObjections.map((objection) => objection.id)).toEqual(["objection-1"]);

    const at = nextTime();
    const next = transition(blocked, { kind: "withdraw_objection", at, objectionId: "objection-1" }, neighbour);
    expect(next.stage).toBe("awaiting_approval");
    expect(next.objections[0]).toMatchObject({ status: "withdrawn", closedBy: "neighbour", closedAt: at, authorId: "neighbour" });
  });

  it("block the rule until the facilitator overrules, and the overrule is recorded with who, when and why", () => {
    const at = nextTime();
    const reason = "Section 4.2.b already requires consent inside homes.";
    const next = transition(deepFreeze(signedByAll()), { kind: "overrule_objection", at, objectionId: "objection-1", reason }, facilitator);
    expect(next.stage).toBe("awaiting_approval");
    expect(next.objections[0]).toMatchObject({ status: "overruled", closedBy: "facilitator", closedAt: at, closingReason: reason });
    expect(next.objections[0]?.reason).toBe("Section 4.2 lets officers record inside homes without consent.");
  });

  it("need a reason, and so does overruling one", () => {
    expect(refusalOf(buildProposal(), objectTo("   "), citizen)).toMatchObject({ code: "reason_required", status: 400 });
    const event: WorkflowEvent = { kind: "overrule_objection", at: nextTime(), objectionId: "objection-1", reason: "" };
    expect(refusalOf(signedByAll(), event, facilitator)).toMatchObject({ code: "reason_required" });
  });

  it("can be withdrawn only by their author", () => {
    const event: WorkflowEvent = { kind: "withdraw_objection", at: nextTime(), objectionId: "objection-1" };
    expect(refusalOf(signedByAll(), event, officer)).toMatchObject({
      code: "forbidden",
      message: "Only the author of an objection can withdraw it.",
    });
  });

  it("cannot be closed twice, nor found when they do not exist", () => {
    const twoOpen = applyAll(signedByAll(), [
      [objectTo("Section 7 keeps footage too long."), officer],
      [{ kind: "withdraw_objection", at: nextTime(), objectionId: "objection-1" }, neighbour],
    ]);
    expect(twoOpen.stage).toBe("review");
    const again: WorkflowEvent = { kind: "overrule_objection", at: nextTime(), objectionId: "objection-1", reason: "Noted." };
    expect(refusalOf(twoOpen, again, facilitator)).toMatchObject({
      code: "objection_not_open",
      message: expect.stringContaining("withdrawn by its author"),
    });
    const missing: WorkflowEvent = { kind: "withdraw_objection", at: nextTime(), objectionId: "objection-9" };
    expect(refusalOf(twoOpen, missing, citizen)).toMatchObject({ code: "objection_not_found", status: 404 });
  });

  it("raised twice with the same reason by the same author count once; another reason is another objection", () => {
    const once = transition(buildProposal(), objectTo("Too vague."), citizen);
    expect(transition(deepFreeze(once), objectTo("  Too vague. "), citizen)).toBe(once);
    const twice = transition(once, objectTo("Section 7 keeps footage too long."), citizen);
    expect(twice.objections.map((objection) => objection.id)).toEqual(["objection-1", "objection-2"]);
  });
});

describe("one person's stance", () => {
  it("objecting withdraws the objector's own sign-off, and the objection records it", () => {
    const signed = deepFreeze(
      applyAll(buildProposal(), [
        [signOff(), officer],
        [signOff(), citizen],
      ]),
    );
    const givenAt = signed.signOffs.find((given) => given.userId === "citizen")!.at;
    const objected = transition(signed, objectTo("Section 4.2 lets officers record inside homes without consent."), citizen);
    expect(objected.signOffs.map((given) => given.userId)).toEqual(["officer"]);
    expect(objected.objections[0]).toMatchObject({ authorId: "citizen", status: "open", withdrewSignOffGivenAt: givenAt });
    expect(evaluateSignOffRule(objected).missingAffiliations).toEqual(["citizen", "prosecutor"]);
    // Someone who had not signed off objects without touching anyone's sign-off.
    const unsigned = transition(signed, objectTo("Section 7 keeps footage too long."), prosecutor);
    expect(unsigned.signOffs).toBe(signed.signOffs);
    expect(unsigned.objections[0]).not.toHaveProperty("withdrewSignOffGivenAt");
  });

  it("refuses a sign-off while the person's own objection is open, and accepts it once withdrawn", () => {
    const objected = deepFreeze(transition(buildProposal(), objectTo("Too vague."), citizen));
    expect(refusalOf(objected, signOff(), citizen)).toMatchObject({
      code: "own_objection_open",
      status: 409,
      message: "You have an open objection to this version. Withdraw it first, then sign off: one person cannot both object and sign off.",
    });
    // Someone else's open objection blocks the rule, but not a sign-off.
    expect(transition(objected, signOff(), officer).signOffs.map((given) => given.userId)).toEqual(["officer"]);
    const withdrawn = transition(objected, { kind: "withdraw_objection", at: nextTime(), objectionId: "objection-1" }, citizen);
    expect(transition(withdrawn, signOff(), citizen).signOffs.map((given) => given.userId)).toEqual(["citizen"]);
    // An overruled objection is closed too, so its author may then sign off.
    const overruled = transition(
      objected,
      { kind: "overrule_objection", at: nextTime(), objectionId: "objection-1", reason: "Settled." },
      facilitator,
    );
    expect(transition(overruled, signOff(), citizen).signOffs).toHaveLength(1);
  });
});

describe("the bodies' decisions", () => {
  it("send the proposal back for changes when a body rejects, keeping the reason visible", () => {
    const rejected = proposalAt("changes_requested");
    expect(rejected.stage).toBe("changes_requested");
    expect(rejected.closedReason).toBe("Police Union rejected version 3: Retention periods are too long.");
    expect(rejected.decisions).toEqual([
      expect.objectContaining({ bodyId: "union", decision: "reject", reason: "Retention periods are too long." }),
    ]);
    expect(refusalOf(rejected, decisionEvent("board", "approve"), boardRep)).toMatchObject({
      code: "wrong_stage",
      message: "Changes were requested on this proposal; a body rejected it, so it takes no more decisions.",
    });
  });

  it("refuses a second decision by the same body", () => {
    const once = transition(proposalAt("awaiting_approval"), decisionEvent("board", "approve"), boardRep);
    expect(refusalOf(once, decisionEvent("board", "reject", "We changed our minds."), boardRep)).toMatchObject({
      code: "already_decided",
      status: 409,
      message:
        "Board of Police Commissioners has already approved this proposal (meeting of 2025-03-20); a body decides once per proposal.",
    });
  });

  it("keeps the vote tally and requires a reason, a real meeting date and a reference", () => {
    const awaiting = proposalAt("awaiting_approval");
    const base = {
      kind: "record_decision",
      at: nextTime(),
      bodyId: "board",
      decision: "approve",
      reason: "Adopted.",
      meetingDate: "2025-03-20",
      meetingReference: "Resolution 14",
    } as const;
    const tallied = transition(awaiting, { ...base, voteTally: { for: 4, against: 1, abstain: 0 } }, boardRep);
    expect(tallied.decisions[0]?.voteTally).toEqual({ for: 4, against: 1, abstain: 0 });
    expect(refusalOf(awaiting, { ...base, reason: " " }, boardRep)).toMatchObject({ code: "reason_required" });
    expect(refusalOf(awaiting, { ...base, meetingDate: "2025-02-30" }, boardRep)).toMatchObject({ code: "validation_failed" });
    expect(refusalOf(awaiting, { ...base, meetingReference: "" }, boardRep)).toMatchObject({ code: "validation_failed" });
    expect(refusalOf(awaiting, { ...base, voteTally: { for: 2, against: -1, abstain: 0 } }, boardRep)).toMatchObject({
      code: "validation_failed",
      fields: [{ path: "/voteTally/against", message: expect.any(String) }],
    });
    expect(refusalOf(awaiting, { ...base, voteTally: { for: 2.5, against: 0, abstain: 0 } }, boardRep)).toMatchObject({
      code: "validation_failed",
    });
  });

  it("are recorded only by a representative of that very body", () => {
    expect(refusalOf(proposalAt("awaiting_approval"), decisionEvent("union", "approve"), boardRep)).toMatchObject({
      code: "forbidden",
      message: "Only a representative of this body (Police Union) can record its decision.",
    });
  });
});

describe("superseding", () => {
  it("keeps the whole record and refuses every further event", () => {
    const review = deepFreeze(proposalAt("review"));
    const at = nextTime();
    const superseded = supersede(review, at, 4);
    expect(superseded).toEqual({
      ...review,
      stage: "superseded",
      closedAt: at,
      closedReason: "The proposal of version 4 superseded this one.",
    });
    expect(refusalOf(superseded, signOff(), prosecutor)).toMatchObject({
      code: "wrong_stage",
      message: "A newer proposal superseded this one; sign-offs are closed.",
    });
  });

  it("applies to open proposals only, never to a published or closed one", () => {
    expect(supersede(proposalAt("awaiting_approval"), nextTime()).stage).toBe("superseded");
    expect(supersede(proposalAt("approved"), nextTime()).closedReason).toBe("A newer proposal superseded this one.");
    for (const stage of ["published", "changes_requested", "superseded"] as const) {
      expect(() => supersede(deepFreeze(proposalAt(stage)), nextTime())).toThrowError(expect.objectContaining({ code: "wrong_stage" }));
    }
  });
});

describe("malformed events", () => {
  it("are refused with validation_failed: a time without a zone, an unknown kind", () => {
    expect(refusalOf(buildProposal(), { kind: "sign_off", at: "2025-03-01 10:00" }, citizen)).toMatchObject({ code: "validation_failed" });
    const unknown = { kind: "veto", at: nextTime() } as unknown as WorkflowEvent;
    expect(refusalOf(buildProposal(), unknown, facilitator)).toMatchObject({
      code: "validation_failed",
      message: 'There is no workflow event of kind "veto".',
    });
  });
});
