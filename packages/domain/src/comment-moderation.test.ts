import { describe, expect, it } from "vitest";
import {
  moderateComment,
  rejectionCounts,
  verifyComment,
  withdrawComment,
  type ModerationAction,
  type PublicCommentStatus,
} from "./comment-moderation.js";

const statuses: PublicCommentStatus[] = ["unverified", "pending", "published", "held", "rejected", "withdrawn"];
const actions: ModerationAction[] = ["publish", "hold", "reject"];

// Every status × action, written out: what each moderation action leads to, or null when it is refused.
const expected: Record<PublicCommentStatus, Record<ModerationAction, PublicCommentStatus | null>> = {
  unverified: { publish: null, hold: null, reject: null },
  pending: { publish: "published", hold: "held", reject: "rejected" },
  published: { publish: null, hold: "held", reject: "rejected" },
  held: { publish: "published", hold: null, reject: "rejected" },
  rejected: { publish: null, hold: null, reject: null },
  withdrawn: { publish: null, hold: null, reject: null },
};

describe("moderateComment", () => {
  for (const status of statuses)
    for (const action of actions) {
      const outcome = expected[status][action];
      it(`${outcome ? "moves" : "refuses to move"} a ${status} comment on ${action}`, () => {
        const run = () => moderateComment(status, action, "off_topic");
        if (outcome) expect(run()).toBe(outcome);
        else expect(run).toThrow(expect.objectContaining({ code: "comment_not_moderatable", status: 409 }));
      });
    }

  it("refuses a rejection without one of the published reasons", () => {
    expect(() => moderateComment("pending", "reject", null)).toThrow(expect.objectContaining({ code: "reason_required" }));
    expect(() => moderateComment("pending", "reject", "because" as never)).toThrow(expect.objectContaining({ code: "reason_required" }));
  });
});

describe("verification and withdrawal", () => {
  it("sends a confirmed comment to the moderators, once", () => {
    expect(verifyComment("unverified")).toBe("pending");
    expect(() => verifyComment("pending")).toThrow(expect.objectContaining({ code: "comment_not_moderatable" }));
  });

  it("withdraws a comment in any state but withdrawn", () => {
    for (const status of statuses.filter((candidate) => candidate !== "withdrawn")) expect(withdrawComment(status)).toBe("withdrawn");
    expect(() => withdrawComment("withdrawn")).toThrow(expect.objectContaining({ code: "comment_not_moderatable" }));
  });
});

describe("rejectionCounts", () => {
  it("counts rejected comments by reason, listing every reason", () => {
    const counts = rejectionCounts(["threat", "off_topic", "off_topic"]);
    expect(counts.find((entry) => entry.reason === "off_topic")?.count).toBe(2);
    expect(counts.find((entry) => entry.reason === "threat")?.count).toBe(1);
    expect(counts.find((entry) => entry.reason === "personal_data")?.count).toBe(0);
  });
});
