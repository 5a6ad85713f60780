import { describe, expect, it } from "vitest";
import { draftNotice } from "./draft-notices.js";

describe("draftNotice", () => {
  it("says nothing when only the comments changed (the list refreshes by itself)", () => {
    expect(draftNotice({ kind: "comments-changed", threadId: "t-1" })).toBeNull();
  });

  it("says who restored which version, and which version keeps the draft as it was", () => {
    expect(draftNotice({ kind: "version-restored", versionNumber: 1, restoredBy: "Sgt. Marcus Reyes", savedVersionNumber: 4 })).toBe(
      "Sgt. Marcus Reyes restored version 1. The draft as it was is kept as version 4.",
    );
  });

  it("says who decided how many suggestions, and which way", () => {
    expect(draftNotice({ kind: "suggestions-decided", decision: "accepted", count: 1, decidedBy: "Priya Natarajan" })).toBe(
      "Priya Natarajan accepted 1 suggestion.",
    );
    expect(draftNotice({ kind: "suggestions-decided", decision: "rejected", count: 3, decidedBy: "Priya Natarajan" })).toBe(
      "Priya Natarajan rejected 3 suggestions.",
    );
  });

  it("says each workflow step with its version and who took it", () => {
    const step = (name: "proposed" | "sent-to-bodies" | "changes-requested" | "approved" | "published") =>
      draftNotice({ kind: "workflow-step", step: name, versionNumber: 2, by: "Dana Whitfield" });
    expect(step("proposed")).toBe("Dana Whitfield proposed version 2 for sign-off. Edits from now on go into a later version.");
    expect(step("sent-to-bodies")).toBe("The working group signed off version 2 (Dana Whitfield last); it goes to the approving bodies.");
    expect(step("changes-requested")).toBe("Dana Whitfield requested changes to version 2; it is back with the working group.");
    expect(step("approved")).toBe("Every approving body approved version 2 (Dana Whitfield recorded the last approval).");
    expect(step("published")).toBe("Dana Whitfield published version 2.");
  });
});
