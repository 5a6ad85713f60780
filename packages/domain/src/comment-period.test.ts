import { describe, expect, it } from "vitest";
import {
  assertCommenterAllowed,
  assertOpenForComments,
  assertValidPeriodTimes,
  commenterKindOf,
  commentPeriodState,
  extendCommentPeriod,
} from "./comment-period.js";

const at = (iso: string) => new Date(iso);
const period = { opensAt: at("2026-12-01T09:00:00Z"), closesAt: at("2026-12-31T17:00:00Z") };

describe("commentPeriodState", () => {
  it("is scheduled before the opening instant, open from it, and closed from the closing instant on", () => {
    expect(commentPeriodState(period, at("2026-12-01T08:59:59Z"))).toBe("scheduled");
    expect(commentPeriodState(period, at("2026-12-01T09:00:00Z"))).toBe("open");
    expect(commentPeriodState(period, at("2026-12-31T16:59:59Z"))).toBe("open");
    expect(commentPeriodState(period, at("2026-12-31T17:00:00Z"))).toBe("closed");
  });
});

describe("assertOpenForComments", () => {
  it("takes a comment a second before closing and refuses one a second after with 409", () => {
    expect(() => assertOpenForComments(period, at("2026-12-31T16:59:59Z"))).not.toThrow();
    expect(() => assertOpenForComments(period, at("2026-12-31T17:00:01Z"))).toThrow(
      expect.objectContaining({ code: "comment_period_closed", status: 409 }),
    );
  });

  it("refuses a comment before the period opens", () => {
    expect(() => assertOpenForComments(period, at("2026-11-30T12:00:00Z"))).toThrow(
      expect.objectContaining({ code: "comment_period_not_open" }),
    );
  });
});

describe("assertValidPeriodTimes", () => {
  it("refuses a period that closes before it opens, or has already closed", () => {
    expect(() => assertValidPeriodTimes({ opensAt: period.closesAt, closesAt: period.opensAt }, at("2026-11-01T00:00:00Z"))).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
    expect(() => assertValidPeriodTimes(period, at("2027-01-01T00:00:00Z"))).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
    expect(() => assertValidPeriodTimes(period, at("2026-12-15T00:00:00Z"))).not.toThrow();
  });
});

describe("extendCommentPeriod", () => {
  const extension = {
    closesAt: at("2027-01-15T17:00:00Z"),
    reason: "Many asked for more time.",
    extendedAt: at("2026-12-20T10:00:00Z"),
    extendedBy: "f",
  };

  it("records the previous and the new closing time with the reason", () => {
    expect(extendCommentPeriod(period, extension)).toEqual({
      previousClosesAt: period.closesAt,
      closesAt: extension.closesAt,
      reason: "Many asked for more time.",
      extendedAt: extension.extendedAt,
      extendedBy: "f",
    });
  });

  it("refuses an extension without a reason, to an earlier time, or after the period closed", () => {
    expect(() => extendCommentPeriod(period, { ...extension, reason: "  " })).toThrow(expect.objectContaining({ code: "reason_required" }));
    expect(() => extendCommentPeriod(period, { ...extension, closesAt: at("2026-12-30T00:00:00Z") })).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
    expect(() => extendCommentPeriod(period, { ...extension, extendedAt: at("2026-12-31T17:00:00Z") })).toThrow(
      expect.objectContaining({ code: "comment_period_closed" }),
    );
  });
});

describe("who may comment", () => {
  it("tells a signed-in account, a named e-mail and an anonymous comment apart", () => {
    expect(commenterKindOf({ signedIn: true, email: "a@example.org" })).toBe("signed_in");
    expect(commenterKindOf({ signedIn: false, email: "a@example.org" })).toBe("verified_email");
    expect(commenterKindOf({ signedIn: false, email: null })).toBe("anonymous");
  });

  it("refuses a kind the period does not allow, naming the kinds it does", () => {
    expect(() => assertCommenterAllowed(["anonymous", "signed_in"], "anonymous")).not.toThrow();
    expect(() => assertCommenterAllowed(["verified_email"], "anonymous")).toThrow(
      expect.objectContaining({ code: "commenter_not_allowed", message: expect.stringContaining("e-mail address we verify") }),
    );
  });
});
