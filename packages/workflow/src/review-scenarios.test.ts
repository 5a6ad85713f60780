import { describe, expect, it } from "vitest";
import { evaluateSignOffRule } from "./sign-off-rule.js";
import { actors, applyAll, buildActor, buildProposal, deepFreeze, helpers, nextTime, proposalAt, refusalOf } from "./test-factories.js";
import { transition } from "./transition.js";
import type { WorkflowEvent } from "./types.js";

// The working group's side of the review: sign-offs under each rule, and stances on single sections.

const { electorEditor: citizen } = actors;
const { officer } = helpers;
const signOff = (): WorkflowEvent => ({ kind: "sign_off", at: nextTime() });

describe("sign-offs", () => {
  it("given twice change nothing, so a double click does no harm", () => {
    const once = deepFreeze(transition(buildProposal(), signOff(), citizen));
    expect(transition(once, signOff(), citizen)).toBe(once);
    expect(once.signOffs).toHaveLength(1);
  });

  it("can be withdrawn in review, and withdrawing none changes nothing", () => {
    const once = transition(buildProposal(), signOff(), citizen);
    const withdrawn = deepFreeze(transition(once, { kind: "withdraw_sign_off", at: nextTime() }, citizen));
    expect(withdrawn.signOffs).toEqual([]);
    expect(transition(withdrawn, { kind: "withdraw_sign_off", at: nextTime() }, citizen)).toBe(withdrawn);
  });

  it("under the majority rule need more than half of the electorate", () => {
    const group = [
      { userId: "officer", role: "editor", affiliation: "police" },
      { userId: "citizen", role: "editor", affiliation: "citizen" },
      { userId: "prosecutor", role: "editor", affiliation: "prosecutor" },
      { userId: "defender", role: "editor", affiliation: "defense" },
    ] as const;
    const defender = buildActor({ userId: "defender", role: "editor", affiliation: "defense" });
    const two = applyAll(buildProposal({ signOffRule: "majority", workingGroup: group }), [
      [signOff(), officer],
      [signOff(), citizen],
    ]);
    // Two of four is half, not more than half.
    expect(two.stage).toBe("review");
    expect(evaluateSignOffRule(two)).toMatchObject({ met: false, signed: 2, needed: 3, pendingUserIds: ["prosecutor", "defender"] });
    expect(transition(two, signOff(), defender).stage).toBe("awaiting_approval");
  });

  it("under the every-editor rule need every editor, even with all affiliations covered", () => {
    const group = [
      { userId: "officer", role: "editor", affiliation: "police" },
      { userId: "sergeant", role: "editor", affiliation: "police" },
      { userId: "citizen", role: "editor", affiliation: "citizen" },
    ] as const;
    const sergeant = buildActor({ userId: "sergeant", role: "editor", affiliation: "police" });
    const covered = applyAll(buildProposal({ signOffRule: "every_editor", workingGroup: group }), [
      [signOff(), officer],
      [signOff(), citizen],
    ]);
    expect(covered.stage).toBe("review");
    expect(evaluateSignOffRule(covered)).toMatchObject({ met: false, signed: 2, needed: 3, pendingUserIds: ["sergeant"] });
    expect(transition(covered, signOff(), sergeant).stage).toBe("awaiting_approval");
  });

  it("are refused to an editor who joined after the proposal and to a member demoted since", () => {
    expect(refusalOf(buildProposal(), signOff(), actors.lateEditor)).toMatchObject({
      code: "forbidden",
      message: "Only the editors of the working group at the time this version was proposed can sign off on it.",
    });
    const demoted = buildActor({ userId: "citizen", role: "commenter", affiliation: "citizen" });
    expect(refusalOf(buildProposal(), signOff(), demoted)).toMatchObject({ code: "forbidden" });
  });

  it("count the affiliation the member had when the version was proposed", () => {
    const movedOn = buildActor({ userId: "citizen", role: "editor", affiliation: "city_staff" });
    expect(transition(buildProposal(), signOff(), movedOn).signOffs[0]?.affiliation).toBe("citizen");
  });
});

describe("section positions", () => {
  const position = (section: string, value: "approve" | "object" | "reserve", reason: string): WorkflowEvent => ({
    kind: "set_section_position",
    at: nextTime(),
    section,
    position: value,
    reason,
  });

  it("keep only the latest stance of each member on each section", () => {
    const state = applyAll(buildProposal(), [
      [position("4.2", "object", "Consent must be recorded."), citizen],
      [position("4.2", "reserve", "Waiting for legal advice."), officer],
      [position("5", "approve", ""), citizen],
      [position("4.2", "approve", "Fixed by 4.2.b."), citizen],
    ]);
    expect(state.sectionPositions.map(({ userId, section, position: value }) => [userId, section, value])).toEqual([
      ["officer", "4.2", "reserve"],
      ["citizen", "5", "approve"],
      ["citizen", "4.2", "approve"],
    ]);
    expect(state.stage).toBe("review");
  });

  it("need a reason to object or reserve, but not to approve, and the same stance again changes nothing", () => {
    expect(refusalOf(buildProposal(), position("4.2", "object", ""), citizen)).toMatchObject({ code: "reason_required" });
    expect(refusalOf(buildProposal(), position("4.2", "reserve", " "), citizen)).toMatchObject({ code: "reason_required" });
    const approved = deepFreeze(transition(buildProposal(), position("4.2", "approve", ""), citizen));
    expect(transition(approved, position("4.2", "approve", ""), citizen)).toBe(approved);
  });

  it("can be changed and withdrawn until review closes, and the history keeps every stance", () => {
    const state = applyAll(buildProposal(), [
      [position("4.2", "object", "Consent must be recorded."), citizen],
      [position("4.2", "approve", "Fixed by 4.2.b."), citizen],
      [position("7", "reserve", "Waiting for legal advice."), officer],
      [{ kind: "withdraw_section_position", at: nextTime(), section: "4.2" }, citizen],
    ]);
    expect(state.sectionPositions.map(({ userId, section, position: value }) => [userId, section, value])).toEqual([
      ["officer", "7", "reserve"],
    ]);
    expect(state.sectionPositionHistory.map(({ userId, section, position: value, reason }) => [userId, section, value, reason])).toEqual([
      ["citizen", "4.2", "object", "Consent must be recorded."],
      ["citizen", "4.2", "approve", "Fixed by 4.2.b."],
      ["officer", "7", "reserve", "Waiting for legal advice."],
      ["citizen", "4.2", "withdrawn", ""],
    ]);
    // Withdrawing a stance one does not hold changes nothing, and only one's own stance can be withdrawn.
    const frozen = deepFreeze(state);
    expect(transition(frozen, { kind: "withdraw_section_position", at: nextTime(), section: "4.2" }, citizen)).toBe(frozen);
    expect(transition(frozen, { kind: "withdraw_section_position", at: nextTime(), section: "7" }, citizen)).toBe(frozen);
    expect(refusalOf(frozen, { kind: "withdraw_section_position", at: nextTime(), section: "7" }, actors.facilitator)).toMatchObject({
      code: "forbidden",
    });
  });

  it("close with the review: the final positions stay as they were", () => {
    const awaiting = proposalAt("awaiting_approval");
    expect(awaiting.sectionPositions).toEqual([expect.objectContaining({ userId: "citizen", section: "4.2", position: "object" })]);
    expect(refusalOf(awaiting, { kind: "withdraw_section_position", at: nextTime(), section: "4.2" }, citizen)).toMatchObject({
      code: "wrong_stage",
      message: "This proposal is awaiting approval; section positions are closed.",
    });
  });

  it("explain a missing reason in a sentence that names the section, also for the field", () => {
    expect(refusalOf(buildProposal(), position("4.2", "object", ""), citizen)).toMatchObject({
      message: "Give a reason for objecting to section 4.2.",
      fields: [{ path: "/reason", message: "Give a reason for objecting to section 4.2." }],
    });
  });

  it("name sections by their number", () => {
    for (const section of ["4", "4.2", "4.2.a", "1.0.a"]) {
      expect(() => transition(buildProposal(), position(section, "approve", ""), citizen)).not.toThrow();
    }
    for (const section of ["", "4.", "Section 4", "4.2.a.1", "a"]) {
      expect(refusalOf(buildProposal(), position(section, "approve", ""), citizen)).toMatchObject({ code: "validation_failed" });
    }
  });
});
