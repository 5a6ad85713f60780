import { describe, expect, it } from "vitest";
import { actors, buildProposal, type ActorKind } from "./test-factories.js";
import { assertMayDecideFor, assertMayOverrule, assertMayPublish, assertMayReview, mayReview } from "./who-may-act.js";

// Who may act, over every kind of actor: the permission table's answer joined with the proposal's
// snapshots. Written out by hand, so that a change to either is a visible change here.
const kinds = Object.keys(actors) as ActorKind[];
const proposal = buildProposal();

/** The error code an assertion throws, or "allowed". */
function outcome(assertion: () => unknown): string {
  try {
    assertion();
    return "allowed";
  } catch (error) {
    return (error as { code?: string }).code ?? "threw";
  }
}

describe("who may act on a proposal", () => {
  const reviewers: ActorKind[] = ["electorEditor"];
  for (const kind of kinds) {
    const allowed = reviewers.includes(kind);
    it(`${allowed ? "lets" : "does not let"} a ${kind} take part in the review`, () => {
      expect(mayReview(proposal, actors[kind])).toBe(allowed);
      expect(outcome(() => assertMayReview(proposal, actors[kind], "sign off"))).toBe(allowed ? "allowed" : "forbidden");
    });
  }

  it("words the refusal of an editor who joined after the proposal apart from that of a non-editor", () => {
    expect(() => assertMayReview(proposal, actors.lateEditor, "sign off")).toThrowError(
      "Only the editors of the working group at the time this version was proposed can sign off on it.",
    );
    expect(() => assertMayReview(proposal, actors.commenter, "sign off")).toThrowError("Only the working group's editors can sign off.");
  });

  it("words the refusal of an elector who is no longer an editor", () => {
    const demoted = { ...actors.electorEditor, role: "commenter" as const };
    expect(() => assertMayReview(proposal, demoted, "sign off")).toThrowError(
      "Only the working group's editors can sign off, and you are no longer one.",
    );
  });

  const overrulers: ActorKind[] = ["facilitator"];
  for (const kind of kinds) {
    const allowed = overrulers.includes(kind);
    it(`${allowed ? "lets" : "does not let"} a ${kind} overrule an objection`, () => {
      expect(outcome(() => assertMayOverrule(actors[kind]))).toBe(allowed ? "allowed" : "forbidden");
    });
  }

  const publishers: ActorKind[] = ["facilitator"];
  for (const kind of kinds) {
    const allowed = publishers.includes(kind);
    it(`${allowed ? "lets" : "does not let"} a ${kind} publish`, () => {
      expect(outcome(() => assertMayPublish(actors[kind]))).toBe(allowed ? "allowed" : "forbidden");
    });
  }

  for (const kind of kinds) {
    const expected = kind === "requiredBodyRep" ? "allowed" : "forbidden";
    it(`${expected === "allowed" ? "lets" : "does not let"} a ${kind} record the board's decision`, () => {
      expect(outcome(() => assertMayDecideFor(proposal, actors[kind], "board"))).toBe(expected);
    });
  }

  it("answers not_required_body for a body the proposal does not ask, whoever asks", () => {
    for (const kind of kinds) expect(outcome(() => assertMayDecideFor(proposal, actors[kind], "ethics"))).toBe("not_required_body");
  });
});
