import { describe, expect, it } from "vitest";
import { availableActions, isWaitingFor } from "./available-actions.js";
import { actors, buildProposal, deepFreeze, helpers, proposalAt } from "./test-factories.js";

describe("available actions", () => {
  it("name the objections an author may withdraw and the facilitator may overrule", () => {
    const review = deepFreeze(proposalAt("review"));
    expect(availableActions(review, actors.electorEditor)).toEqual([
      { kind: "withdraw_sign_off" },
      { kind: "object" },
      { kind: "withdraw_objection", objectionId: "objection-1" },
      { kind: "set_section_position" },
    ]);
    expect(availableActions(review, actors.facilitator)).toEqual([{ kind: "overrule_objection", objectionId: "objection-1" }]);
    // The officer did not raise objection-1, so may not withdraw it.
    expect(availableActions(review, helpers.officer).map((action) => action.kind)).not.toContain("withdraw_objection");
  });

  it("name the body a representative may decide for, and drop it once the body has decided", () => {
    const awaiting = proposalAt("awaiting_approval");
    const both = { ...helpers.unionRep, representedBodyIds: ["board", "union"] };
    expect(availableActions(awaiting, both)).toEqual([
      { kind: "record_decision", bodyId: "board" },
      { kind: "record_decision", bodyId: "union" },
    ]);
    const unionDecided = {
      ...awaiting,
      decisions: [{ bodyId: "union", decision: "approve" as const, reason: "Yes.", meetingDate: "2025-03-20", meetingReference: "M-1", recordedBy: "union-rep", recordedAt: "2025-03-21T09:00:00Z" }],
    };
    expect(availableActions(unionDecided, both)).toEqual([{ kind: "record_decision", bodyId: "board" }]);
  });
});

describe("waiting for someone", () => {
  it("is true for an editor who has not signed off, and false once they have", () => {
    const fresh = buildProposal();
    expect(isWaitingFor(fresh, actors.electorEditor)).toBe(true);
    expect(isWaitingFor(proposalAt("review"), actors.electorEditor)).toBe(false);
    expect(isWaitingFor(fresh, actors.lateEditor)).toBe(false);
  });

  it("is true for a required body's representative while the proposal awaits approval", () => {
    expect(isWaitingFor(proposalAt("awaiting_approval"), actors.requiredBodyRep)).toBe(true);
    expect(isWaitingFor(proposalAt("review"), actors.requiredBodyRep)).toBe(false);
    expect(isWaitingFor(proposalAt("awaiting_approval"), actors.unrequiredBodyRep)).toBe(false);
  });

  it("is true for the facilitator once the proposal is approved, until it is published", () => {
    expect(isWaitingFor(proposalAt("approved"), actors.facilitator)).toBe(true);
    expect(isWaitingFor(proposalAt("published"), actors.facilitator)).toBe(false);
  });
});
