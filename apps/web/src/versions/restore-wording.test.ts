import type { VersionSummary } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import { restoreConsequence, restoredMessage, restoreNotice } from "./restore-wording.js";

const timeline = [
  { number: 3, contentHash: "c3" },
  { number: 2, contentHash: "c2" },
  { number: 1, contentHash: "c1" },
];

describe("restoreConsequence", () => {
  it("says unsaved changes will be saved as the next version first", () => {
    expect(restoreConsequence(1, "typed", timeline)).toBe(
      "Your unsaved changes will be saved as version 4 first, so you can go back to them.",
    );
  });

  it("says nothing is unsaved when a version holds the draft, the latest or an earlier one restored", () => {
    expect(restoreConsequence(1, "c3", timeline)).toBe("Nothing is unsaved: version 3 holds the draft as it is now.");
    expect(restoreConsequence(3, "c2", timeline)).toBe("Nothing is unsaved: version 2 holds the draft as it is now.");
  });

  it("says when the draft already is the version to restore", () => {
    expect(restoreConsequence(2, "c2", timeline)).toBe("The draft already has exactly the text of version 2.");
  });
});

describe("after a restore", () => {
  const saved = { number: 4, label: "Draft before restoring v1" } as VersionSummary;

  it("tells the person who restored which version keeps their unsaved changes", () => {
    expect(restoredMessage({ restored: 1, savedVersion: saved })).toBe(
      "The draft now has the text of version 1. Your unsaved changes were saved first as version 4 (“Draft before restoring v1”). Everyone editing it sees the change.",
    );
    expect(restoredMessage({ restored: 1, savedVersion: null })).toBe(
      "The draft now has the text of version 1. Everyone editing it sees the change.",
    );
  });

  it("tells everyone on the draft who restored what", () => {
    expect(restoreNotice({ versionNumber: 1, restoredBy: "Sgt. Marcus Reyes", savedVersionNumber: 4 })).toBe(
      "Sgt. Marcus Reyes restored version 1. The draft as it was is kept as version 4.",
    );
    expect(restoreNotice({ versionNumber: 2, restoredBy: "Dana Citizen", savedVersionNumber: null })).toBe(
      "Dana Citizen restored version 2.",
    );
  });
});
