import { describe, expect, it } from "vitest";
import { createProposal, type WorkingGroupMember } from "./proposal.js";
import { actors, buildProposalInput, deepFreeze, demoBodies, sampleHash } from "./test-factories.js";

describe("proposing a version", () => {
  it("opens the proposal in review with the editors as electorate and the bodies as they stand", () => {
    const input = deepFreeze(buildProposalInput());
    expect(createProposal(input, actors.facilitator)).toEqual({
      id: "proposal-1",
      policyId: "policy-bwc",
      versionNumber: 3,
      contentHash: sampleHash,
      note: "Ready for sign-off.",
      deadline: "2025-04-01",
      proposedBy: "facilitator",
      proposedAt: "2025-03-01T09:00:00.000Z",
      stage: "review",
      signOffRule: "each_affiliation",
      electorate: [
        { userId: "officer", affiliation: "police" },
        { userId: "citizen", affiliation: "citizen" },
        { userId: "prosecutor", affiliation: "prosecutor" },
      ],
      requiredBodies: demoBodies,
      signOffs: [],
      objections: [],
      sectionPositions: [],
      sectionPositionHistory: [],
      decisions: [],
    });
  });

  it("takes the policy's sign-off rule, and no note or deadline when none is given", () => {
    const proposal = createProposal(
      buildProposalInput({ signOffRule: "majority", note: undefined, deadline: undefined }),
      actors.facilitator,
    );
    expect(proposal).toMatchObject({ signOffRule: "majority", note: "", deadline: null });
  });

  it("copies the group, so a later change to the caller's list does not change the electorate", () => {
    const workingGroup: WorkingGroupMember[] = [{ userId: "officer", role: "editor", affiliation: "police" }];
    const proposal = createProposal(buildProposalInput({ workingGroup }), actors.facilitator);
    workingGroup.push({ userId: "late", role: "editor", affiliation: "defense" });
    expect(proposal.electorate).toEqual([{ userId: "officer", affiliation: "police" }]);
  });

  it("is only for the facilitator", () => {
    for (const actor of [actors.electorEditor, actors.commenter, actors.requiredBodyRep, actors.outsider]) {
      expect(() => createProposal(buildProposalInput(), actor)).toThrowError(
        expect.objectContaining({ code: "forbidden", message: "Only the facilitator can propose a version." }),
      );
    }
  });

  it("is refused when no one could sign off or no one could approve", () => {
    const noEditors = buildProposalInput({ workingGroup: [{ userId: "advocate", role: "commenter", affiliation: "community" }] });
    expect(() => createProposal(noEditors, actors.facilitator)).toThrowError(
      expect.objectContaining({ code: "empty_electorate", status: 409 }),
    );
    expect(() => createProposal(buildProposalInput({ requiredBodies: [] }), actors.facilitator)).toThrowError(
      expect.objectContaining({ code: "no_required_bodies", status: 409 }),
    );
  });

  it.each([
    ["a content hash in upper case", { contentHash: sampleHash.toUpperCase() }],
    ["a short content hash", { contentHash: "abc123" }],
    ["version 0", { versionNumber: 0 }],
    ["a fractional version", { versionNumber: 2.5 }],
    ["a deadline that is no date", { deadline: "next Friday" }],
    ["a time without a zone", { proposedAt: "2025-03-01T09:00:00" }],
    ["an unknown sign-off rule", { signOffRule: "unanimity" as never }],
    [
      "a member listed twice",
      {
        workingGroup: [
          ...buildProposalInput().workingGroup,
          { userId: "officer", role: "viewer" as const, affiliation: "police" as const },
        ],
      },
    ],
    ["a body listed twice", { requiredBodies: [...demoBodies, { bodyId: "board", name: "Board again" }] }],
    ["an empty id", { id: " " }],
  ])("is refused with validation_failed for %s", (_what, overrides) => {
    expect(() => createProposal(buildProposalInput(overrides), actors.facilitator)).toThrowError(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });

  it("accepts a deadline given as a date or as a time", () => {
    expect(createProposal(buildProposalInput({ deadline: "2025-04-01T17:00:00Z" }), actors.facilitator).deadline).toBe(
      "2025-04-01T17:00:00Z",
    );
  });
});
