import { describe, expect, it } from "vitest";
import { availableActions, isWaitingFor } from "./available-actions.js";
import { actors, applyAll, buildProposal, deepFreeze, helpers, nextTime, proposalAt } from "./test-factories.js";
import { transition } from "./transition.js";

const signOff = () => ({ kind: "sign_off", at: nextTime() }) as const;

describe("available actions", () => {
  it("name the objections an author may withdraw and the facilitator may overrule", () => {
    const review = deepFreeze(proposalAt("review"));
    // The citizen's objection withdrew their sign-off, and they may not sign off while it is open.
    expect(availableActions(review, actors.electorEditor)).toEqual([
      { kind: "object" },
      { kind: "withdraw_objection", objectionId: "objection-1" },
      { kind: "set_section_position" },
      { kind: "withdraw_section_position", section: "4.2" },
    ]);
    expect(availableActions(review, actors.facilitator)).toEqual([{ kind: "overrule_objection", objectionId: "objection-1" }]);
    // The officer did not raise objection-1, so may not withdraw it.
    expect(availableActions(review, helpers.officer).map((action) => action.kind)).not.toContain("withdraw_objection");
  });

  it("name the body a representative may decide for, and drop it once the body has decided", () => {
    const awaiting = proposalAt("awaiting_approval");
    const both = { ...helpers.unionRep, representedBodyIds: ["board", "union"] };
    expect(
      availableActions(awaiting, both).map((action) => ({ kind: action.kind, bodyId: "bodyId" in action ? action.bodyId : undefined })),
    ).toEqual([
      { kind: "record_decision", bodyId: "board" },
      { kind: "record_decision", bodyId: "union" },
    ]);
    const unionDecided = {
      ...awaiting,
      decisions: [
        {
          bodyId: "union",
          decision: "approve" as const,
          reason: "Yes.",
          meetingDate: "2025-03-20",
          meetingReference: "M-1",
          recordedBy: "union-rep",
          recordedAt: "2025-03-21T09:00:00Z",
        },
      ],
    };
    // The board's approval would be the last one: the action says so, for a confirmation.
    expect(availableActions(unionDecided, both)).toEqual([
      {
        kind: "record_decision",
        bodyId: "board",
        advancesTo: "approved",
        consequence: "Every required body will then have approved version 3: it becomes approved, and the facilitator can publish it.",
      },
    ]);
  });

  it("say which action would move the proposal on, and what would happen, so that it can be confirmed", () => {
    const allButProsecutor = deepFreeze(
      applyAll(buildProposal(), [
        [signOff(), helpers.officer],
        [signOff(), actors.electorEditor],
      ]),
    );
    const [last] = availableActions(allButProsecutor, helpers.prosecutor);
    expect(last).toEqual({
      kind: "sign_off",
      advancesTo: "awaiting_approval",
      consequence:
        "This meets the sign-off rule: version 3 goes to the approving bodies (Board of Police Commissioners and Police Union) for their decision, and the working group's review closes: no more sign-offs, objections or section positions on it.",
    });
    // Withdrawing the last open objection when everyone has signed off moves it on; the first sign-off does not.
    const blocked = deepFreeze(
      applyAll(buildProposal(), [
        [signOff(), helpers.officer],
        [signOff(), actors.electorEditor],
        [{ kind: "object", at: nextTime(), reason: "Too vague." }, helpers.prosecutor],
      ]),
    );
    const afterWithdrawal = transition(
      blocked,
      { kind: "withdraw_objection", at: nextTime(), objectionId: "objection-1" },
      helpers.prosecutor,
    );
    expect(availableActions(blocked, helpers.prosecutor).find((action) => action.kind === "withdraw_objection")).not.toHaveProperty(
      "advancesTo",
    );
    expect(availableActions(afterWithdrawal, helpers.prosecutor).find((action) => action.kind === "sign_off")).toMatchObject({
      advancesTo: "awaiting_approval",
    });
    expect(availableActions(buildProposal(), helpers.officer).find((action) => action.kind === "sign_off")).toEqual({ kind: "sign_off" });
    expect(availableActions(blocked, actors.facilitator)).toEqual([{ kind: "overrule_objection", objectionId: "objection-1" }]);
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
