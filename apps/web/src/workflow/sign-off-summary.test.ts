import { describe, expect, it } from "vitest";
import { buildProposal } from "./build-proposal.js";
import { pendingNames, signOffsByAffiliation } from "./sign-off-summary.js";

describe("signOffsByAffiliation", () => {
  it("lists each affiliation of the electorate with who signed and who is pending", () => {
    const proposal = buildProposal({
      electorate: [
        { userId: "officer", affiliation: "police" },
        { userId: "citizen", affiliation: "citizen" },
        { userId: "second-citizen", affiliation: "citizen" },
      ],
      signOffs: [{ userId: "citizen", affiliation: "citizen", at: "2026-05-02T10:00:00.000Z" }],
      names: { officer: "Sgt. Reyes", citizen: "Priya" },
    });
    expect(signOffsByAffiliation(proposal)).toEqual([
      { affiliation: "police", label: "Police", signed: [], pending: ["Sgt. Reyes"] },
      { affiliation: "citizen", label: "Citizen", signed: ["Priya"], pending: ["An account that no longer exists"] },
    ]);
  });

  it("names the pending members the server's evaluation lists", () => {
    expect(pendingNames(buildProposal())).toEqual(["Sgt. Reyes", "Priya", "ADA Okafor"]);
  });
});
