import { describe, expect, it } from "vitest";
import { assertPeriodClosedForResponses, assertReadyToPropose, isCommentAnswered, unansweredComments } from "./comment-responses.js";

const comment = (id: string, answeredInSection: string | null, noResponseReason: string | null = null) => ({
  id,
  answeredInSection,
  noResponseReason,
});

describe("isCommentAnswered", () => {
  it("counts a comment answered by a section that has a response, or marked no response needed with a reason", () => {
    const responded = new Set(["2"]);
    expect(isCommentAnswered(comment("a", "2"), responded)).toBe(true);
    expect(isCommentAnswered(comment("b", "3"), responded)).toBe(false);
    expect(isCommentAnswered(comment("c", null, "Outside the policy's scope."), responded)).toBe(true);
    expect(isCommentAnswered(comment("d", null, "   "), responded)).toBe(false);
    expect(unansweredComments([comment("a", "2"), comment("b", null)], responded).map((found) => found.id)).toEqual(["b"]);
  });
});

describe("assertReadyToPropose", () => {
  it("lets a policy without a comment period be proposed", () => {
    expect(() => assertReadyToPropose(null, [], new Set())).not.toThrow();
  });

  it("refuses while the period is open or scheduled", () => {
    expect(() => assertReadyToPropose({ state: "open" }, [], new Set())).toThrow(
      expect.objectContaining({ code: "comment_period_open", status: 409 }),
    );
    expect(() => assertReadyToPropose({ state: "scheduled" }, [], new Set())).toThrow(
      expect.objectContaining({ code: "comment_period_open" }),
    );
  });

  it("refuses until every published comment is answered, saying how many are not", () => {
    const comments = [comment("a", "2"), comment("b", null), comment("c", "4")];
    expect(() => assertReadyToPropose({ state: "closed" }, comments, new Set(["2"]))).toThrow(
      expect.objectContaining({
        code: "comments_unanswered",
        status: 409,
        message: expect.stringMatching(/^2 published public comments are not yet answered/),
      }),
    );
    expect(() =>
      assertReadyToPropose({ state: "closed" }, [comment("a", "2"), comment("b", null, "Duplicate of a.")], new Set(["2"])),
    ).not.toThrow();
  });
});

describe("assertPeriodClosedForResponses", () => {
  it("takes responses only once the period has closed", () => {
    expect(() => assertPeriodClosedForResponses("open")).toThrow(expect.objectContaining({ code: "comment_period_open" }));
    expect(() => assertPeriodClosedForResponses("closed")).not.toThrow();
  });
});
