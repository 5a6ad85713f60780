import { describe, expect, it } from "vitest";
import { consequenceOf, hasReviewControls, planActions } from "./action-plan.js";

describe("planActions", () => {
  it("shows nothing when the server offers nothing", () => {
    const plan = planActions([]);
    expect(plan).toMatchObject({ signOff: false, withdrawSignOff: false, object: false, sectionPosition: false, publish: false });
    expect(plan.decisionBodyIds).toEqual([]);
    expect(hasReviewControls(plan)).toBe(false);
  });

  it("offers a member who has not signed off the sign-off, an objection and section positions", () => {
    const plan = planActions([{ kind: "sign_off" }, { kind: "object" }, { kind: "set_section_position" }]);
    expect(plan).toMatchObject({ signOff: true, withdrawSignOff: false, object: true, sectionPosition: true });
    expect(hasReviewControls(plan)).toBe(true);
  });

  it("offers a member who signed off only the withdrawal, not a second sign-off", () => {
    const plan = planActions([{ kind: "withdraw_sign_off" }, { kind: "object" }]);
    expect(plan.signOff).toBe(false);
    expect(plan.withdrawSignOff).toBe(true);
  });

  it("ties objection controls to the objections the server names", () => {
    const plan = planActions([
      { kind: "withdraw_objection", objectionId: "objection-1" },
      { kind: "overrule_objection", objectionId: "objection-2" },
      { kind: "overrule_objection", objectionId: "objection-3" },
    ]);
    expect(plan.withdrawableObjectionIds).toEqual(["objection-1"]);
    expect(plan.overrulableObjectionIds).toEqual(["objection-2", "objection-3"]);
    expect(hasReviewControls(plan)).toBe(false);
  });

  it("offers a representative the decision for each body they may decide for", () => {
    const plan = planActions([{ kind: "record_decision", bodyId: "board" }]);
    expect(plan.decisionBodyIds).toEqual(["board"]);
    expect(plan.publish).toBe(false);
  });

  it("offers the facilitator publication of an approved proposal", () => {
    expect(planActions([{ kind: "publish" }]).publish).toBe(true);
  });
});

describe("what an action will do", () => {
  const actions = [
    { kind: "withdraw_objection" as const, objectionId: "objection-1" },
    {
      kind: "withdraw_objection" as const,
      objectionId: "objection-2",
      advancesTo: "awaiting_approval" as const,
      consequence: "This meets the sign-off rule: version 3 goes to the approving bodies.",
    },
    { kind: "withdraw_section_position" as const, section: "4.2" },
  ];

  it("is asked about only for the action that moves the proposal on", () => {
    expect(consequenceOf(actions, { kind: "withdraw_objection", objectionId: "objection-2" })).toBe(
      "This meets the sign-off rule: version 3 goes to the approving bodies.",
    );
    expect(consequenceOf(actions, { kind: "withdraw_objection", objectionId: "objection-1" })).toBeUndefined();
    expect(consequenceOf(actions, { kind: "sign_off" })).toBeUndefined();
  });

  it("lists the sections whose position I may withdraw", () => {
    expect(planActions(actions).withdrawableSections).toEqual(["4.2"]);
  });
});
