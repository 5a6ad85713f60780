import type { ProposalView } from "@accord/api-contract";

/**
 * A proposal view for tests: version 3 of a policy in review, with an electorate of three and the
 * board and the union as required bodies. Tests override only what they are about.
 */
export function buildProposal(overrides: Partial<ProposalView> = {}): ProposalView {
  return {
    id: "proposal-1",
    policyId: "policy-1",
    versionNumber: 3,
    contentHash: "a".repeat(64),
    note: "",
    deadline: null,
    proposedBy: "facilitator",
    proposedAt: "2026-05-01T10:00:00.000Z",
    stage: "review",
    signOffRule: "each_affiliation",
    electorate: [
      { userId: "officer", affiliation: "police" },
      { userId: "citizen", affiliation: "citizen" },
      { userId: "prosecutor", affiliation: "prosecutor" },
    ],
    requiredBodies: [
      { bodyId: "board", name: "Board of Police Commissioners" },
      { bodyId: "union", name: "Police Union" },
    ],
    signOffs: [],
    objections: [],
    sectionPositions: [],
    sectionPositionHistory: [],
    decisions: [],
    names: { facilitator: "Fran Facilitator", officer: "Sgt. Reyes", citizen: "Priya", prosecutor: "ADA Okafor" },
    evaluation: {
      rule: "each_affiliation",
      met: false,
      unit: "affiliations",
      signed: 0,
      needed: 3,
      pendingUserIds: ["officer", "citizen", "prosecutor"],
      openObjections: [],
      explanation: "Waiting for a sign-off from: Police, Citizen, Prosecutor (0 of 3 affiliations so far).",
    },
    myActions: [],
    ...overrides,
  };
}
