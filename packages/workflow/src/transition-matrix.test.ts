import { isAccordError, type ErrorCode } from "@accord/domain";
import { describe, expect, it } from "vitest";
import { availableActions } from "./available-actions.js";
import { actors, deepFreeze, proposalAt, type ActorKind } from "./test-factories.js";
import { transition } from "./transition.js";
import { proposalStages, workflowEventKinds, type ProposalStage, type WorkflowEvent, type WorkflowEventKind } from "./types.js";

// Every stage × event kind × kind of actor, against an expected table written out by hand, so that any
// change to who may do what, and when, is a visible, reviewed change to this table too.

/** Allowed, and the state changes. */
const CHANGES = "changes";
/** Allowed, but there was nothing to change (a second sign-off): the very same object comes back. */
const SAME = "same";
const F = "forbidden";
const W = "wrong_stage";
const N = "not_required_body";
/** Refused because the actor's own objection is still open: they withdraw it before signing off. */
const O = "own_objection_open";
type Outcome = typeof CHANGES | typeof SAME | ErrorCode;

const actorColumns: readonly ActorKind[] = [
  "facilitator",
  "electorEditor",
  "lateEditor",
  "commenter",
  "viewer",
  "outsider",
  "requiredBodyRep",
  "unrequiredBodyRep",
];

// The fixtures (see proposalAt): in review the citizen (electorEditor) has stated a position on 4.2
// and raised the open objection-1, which withdrew their sign-off; the later stages come after it was
// withdrawn and the citizen signed off again. A body representative records for
// their own body: the board's (required) or an ethics committee's (not required).
// prettier-ignore
const expected: readonly [ProposalStage, WorkflowEventKind, ...Outcome[]][] = [
  //                                      facilitator electorEditor lateEditor commenter viewer outsider requiredRep unrequiredRep
  ["review", "sign_off",                  F,          O,            F,         F,        F,     F,       F,          F],
  ["review", "withdraw_sign_off",         F,          SAME,         F,         F,        F,     F,       F,          F],
  ["review", "object",                    F,          CHANGES,      F,         F,        F,     F,       F,          F],
  ["review", "withdraw_objection",        F,          CHANGES,      F,         F,        F,     F,       F,          F],
  ["review", "overrule_objection",        CHANGES,    F,            F,         F,        F,     F,       F,          F],
  ["review", "set_section_position",      F,          CHANGES,      F,         F,        F,     F,       F,          F],
  ["review", "withdraw_section_position", F,          CHANGES,      F,         F,        F,     F,       F,          F],
  ["review", "record_decision",           F,          F,            F,         F,        F,     F,       W,          N],
  ["review", "publish",                   W,          F,            F,         F,        F,     F,       F,          F],

  ["awaiting_approval", "sign_off",             F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "withdraw_sign_off",    F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "object",               F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "withdraw_objection",   F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "overrule_objection",   W,    F,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "set_section_position", F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "withdraw_section_position", F,    W,            F,         F,        F,     F,       F,          F],
  ["awaiting_approval", "record_decision",      F,    F,            F,         F,        F,     F,       CHANGES,    N],
  ["awaiting_approval", "publish",              W,    F,            F,         F,        F,     F,       F,          F],

  ["approved", "sign_off",                F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "withdraw_sign_off",       F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "object",                  F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "withdraw_objection",      F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "overrule_objection",      W,          F,            F,         F,        F,     F,       F,          F],
  ["approved", "set_section_position",    F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "withdraw_section_position",    F,          W,            F,         F,        F,     F,       F,          F],
  ["approved", "record_decision",         F,          F,            F,         F,        F,     F,       W,          N],
  ["approved", "publish",                 CHANGES,    F,            F,         F,        F,     F,       F,          F],

  ["published", "sign_off",               F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "withdraw_sign_off",      F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "object",                 F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "withdraw_objection",     F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "overrule_objection",     W,          F,            F,         F,        F,     F,       F,          F],
  ["published", "set_section_position",   F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "withdraw_section_position",   F,          W,            F,         F,        F,     F,       F,          F],
  ["published", "record_decision",        F,          F,            F,         F,        F,     F,       W,          N],
  ["published", "publish",                W,          F,            F,         F,        F,     F,       F,          F],

  ["changes_requested", "sign_off",             F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "withdraw_sign_off",    F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "object",               F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "withdraw_objection",   F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "overrule_objection",   W,    F,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "set_section_position", F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "withdraw_section_position", F,    W,            F,         F,        F,     F,       F,          F],
  ["changes_requested", "record_decision",      F,    F,            F,         F,        F,     F,       W,          N],
  ["changes_requested", "publish",              W,    F,            F,         F,        F,     F,       F,          F],

  ["superseded", "sign_off",              F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "withdraw_sign_off",     F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "object",                F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "withdraw_objection",    F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "overrule_objection",    W,          F,            F,         F,        F,     F,       F,          F],
  ["superseded", "set_section_position",  F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "withdraw_section_position",  F,          W,            F,         F,        F,     F,       F,          F],
  ["superseded", "record_decision",       F,          F,            F,         F,        F,     F,       W,          N],
  ["superseded", "publish",               W,          F,            F,         F,        F,     F,       F,          F],
];

/** The one event of each kind that every actor tries. */
function eventOf(kind: WorkflowEventKind, actorKind: ActorKind): WorkflowEvent {
  const at = "2025-03-25T12:00:00.000Z";
  switch (kind) {
    case "sign_off":
    case "withdraw_sign_off":
      return { kind, at };
    case "object":
      return { kind, at, reason: "The retention schedule in section 7 has no upper limit." };
    case "withdraw_objection":
      return { kind, at, objectionId: "objection-1" };
    case "overrule_objection":
      return { kind, at, objectionId: "objection-1", reason: "Section 4.2 already requires consent; see 4.2.b." };
    case "set_section_position":
      return { kind, at, section: "4.2", position: "object", reason: "Consent must be recorded on camera." };
    case "withdraw_section_position":
      return { kind, at, section: "4.2" };
    case "record_decision":
      return {
        kind,
        at,
        bodyId: actorKind === "unrequiredBodyRep" ? "ethics" : "board",
        decision: "approve",
        reason: "Adopted unanimously.",
        meetingDate: "2025-03-20",
        meetingReference: "Resolution 2025-14",
        voteTally: { for: 5, against: 0, abstain: 0 },
      };
    case "publish":
      return { kind, at, effectiveDate: "2025-05-01" };
  }
}

const fixtures = new Map(proposalStages.map((stage) => [stage, deepFreeze(proposalAt(stage))]));

describe("the transition table", () => {
  it("has exactly one row for every stage and event kind", () => {
    const rows = expected.map(([stage, kind]) => `${stage} ${kind}`);
    const all = proposalStages.flatMap((stage) => workflowEventKinds.map((kind) => `${stage} ${kind}`));
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual([...all].sort());
    for (const row of expected) expect(row.length).toBe(2 + actorColumns.length);
  });

  it("starts each fixture at the stage it is named for", () => {
    for (const [stage, state] of fixtures) expect(state.stage).toBe(stage);
  });

  for (const [stage, kind, ...outcomes] of expected) {
    for (const [column, actorKind] of actorColumns.entries()) {
      const outcome = outcomes[column]!;
      const verdict = outcome === CHANGES ? "applies" : outcome === SAME ? "accepts without change" : `refuses with ${outcome}`;
      it(`${verdict} ${kind} by the ${actorKind} in ${stage}`, () => {
        const state = fixtures.get(stage)!;
        const before = structuredClone(state);
        const event = deepFreeze(eventOf(kind, actorKind));
        const actor = actors[actorKind];

        let result: unknown;
        try {
          result = transition(state, event, actor);
        } catch (error) {
          // Only a coded refusal is an answer; a TypeError from writing to the frozen input is a failure.
          if (!isAccordError(error)) throw error;
          result = error;
        }

        // Whatever happened, the input is exactly as it was (it is frozen, too: a write would have thrown).
        expect(state).toEqual(before);
        if (outcome === CHANGES) {
          expect(isAccordError(result)).toBe(false);
          expect(result).toMatchObject({ id: state.id, contentHash: state.contentHash });
          expect(result).not.toBe(state);
          expect(result).not.toEqual(state);
        } else if (outcome === SAME) {
          expect(result).toBe(state);
        } else {
          expect(isAccordError(result)).toBe(true);
          expect(result).toMatchObject({ code: outcome });
        }
      });
    }
  }
});

describe("available actions", () => {
  for (const stage of proposalStages) {
    for (const [column, actorKind] of actorColumns.entries()) {
      it(`offers the ${actorKind} in ${stage} exactly the actions the table says would change something`, () => {
        const offered = availableActions(fixtures.get(stage)!, actors[actorKind]).map((action) => action.kind);
        const expectedKinds = expected
          .filter(([rowStage, , ...outcomes]) => rowStage === stage && outcomes[column] === CHANGES)
          .map(([, kind]) => kind);
        expect(offered.sort()).toEqual(expectedKinds.sort());
      });
    }
  }
});
