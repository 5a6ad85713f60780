import { describe, expect, it } from "vitest";
import { evaluateSignOffRule } from "./sign-off-rule.js";
import { actors, applyAll, buildActor, buildProposal, deepFreeze, demoWorkingGroup, helpers, nextTime } from "./test-factories.js";
import type { ElectorateMember, ProposalState } from "./types.js";

const signOff = () => ({ kind: "sign_off", at: nextTime() }) as const;

function withElectorate(state: ProposalState, electorate: readonly ElectorateMember[]): ProposalState {
  return deepFreeze({ ...state, electorate });
}

describe("the each-affiliation rule", () => {
  it("lists the affiliations still missing, in the catalogue's order, and who is pending", () => {
    const state = deepFreeze(applyAll(buildProposal(), [[signOff(), actors.electorEditor]]));
    expect(evaluateSignOffRule(state)).toEqual({
      rule: "each_affiliation",
      met: false,
      unit: "affiliations",
      signed: 1,
      needed: 3,
      missingAffiliations: ["police", "prosecutor"],
      pendingUserIds: ["officer", "prosecutor"],
      openObjections: [],
      explanation: "Waiting for a sign-off from: Police, Prosecutor (1 of 3 affiliations so far).",
    });
  });

  it("is met by one sign-off per affiliation, not one per editor", () => {
    const twoOfficers = withElectorate(buildProposal(), [
      { userId: "officer", affiliation: "police" },
      { userId: "sergeant", affiliation: "police" },
      { userId: "citizen", affiliation: "citizen" },
    ]);
    const state = applyAll(twoOfficers, [
      [signOff(), helpers.officer],
      [signOff(), actors.electorEditor],
    ]);
    expect(evaluateSignOffRule(state)).toMatchObject({
      met: true,
      signed: 2,
      needed: 2,
      missingAffiliations: [],
      pendingUserIds: ["sergeant"],
    });
    expect(state.stage).toBe("awaiting_approval");
  });

  it("is not met while an objection is open, and says so", () => {
    // A second citizen objects; the first signs off, so every affiliation is covered.
    const neighbour = buildActor({ userId: "neighbour", role: "editor", affiliation: "citizen" });
    const state = applyAll(
      buildProposal({ workingGroup: [...demoWorkingGroup, { userId: "neighbour", role: "editor", affiliation: "citizen" }] }),
      [
        [{ kind: "object", at: nextTime(), reason: "Too vague." }, neighbour],
        [signOff(), helpers.officer],
        [signOff(), actors.electorEditor],
        [signOff(), helpers.prosecutor],
      ],
    );
    const evaluation = evaluateSignOffRule(state);
    expect(evaluation).toMatchObject({ met: false, signed: 3, needed: 3, missingAffiliations: [] });
    expect(evaluation.openObjections).toHaveLength(1);
    expect(evaluation.explanation).toBe(
      "Every affiliation in the working group has signed off (3 of 3). 1 objection is open and must be withdrawn or overruled first.",
    );
  });
});

describe("the majority and every-editor rules", () => {
  it("count editors: more than half for majority, all for every editor", () => {
    const three = buildProposal();
    const oneSigned = (rule: "majority" | "every_editor") => applyAll({ ...three, signOffRule: rule }, [[signOff(), helpers.officer]]);
    expect(evaluateSignOffRule(oneSigned("majority"))).toMatchObject({
      met: false,
      unit: "editors",
      signed: 1,
      needed: 2,
      explanation: "1 of 3 editors have signed off; 2 are needed (more than half).",
    });
    expect(evaluateSignOffRule(oneSigned("every_editor"))).toMatchObject({
      met: false,
      signed: 1,
      needed: 3,
      explanation: "1 of 3 editors have signed off; every editor must.",
    });
    expect(evaluateSignOffRule(oneSigned("majority")).missingAffiliations).toBeUndefined();
  });

  it("needs one of one, not a half, for a single editor's majority", () => {
    const alone = withElectorate({ ...buildProposal(), signOffRule: "majority" }, [{ userId: "citizen", affiliation: "citizen" }]);
    expect(evaluateSignOffRule(alone)).toMatchObject({ met: false, needed: 1 });
  });
});

describe("an empty electorate", () => {
  for (const rule of ["each_affiliation", "every_editor", "majority"] as const) {
    it(`can never meet the ${rule} rule, and the explanation says why`, () => {
      const empty = withElectorate({ ...buildProposal(), signOffRule: rule }, []);
      const evaluation = evaluateSignOffRule(empty);
      expect(evaluation.met).toBe(false);
      expect(evaluation.signed).toBe(0);
      expect(evaluation.explanation).toMatch(/^No one can sign off: the working group had no editors .* can never be met\./);
    });
  }
});

it("ignores a sign-off from outside the electorate, should one ever be stored", () => {
  const forged = deepFreeze({ ...buildProposal(), signOffs: [{ userId: "late-editor", affiliation: "defense" as const, at: nextTime() }] });
  expect(evaluateSignOffRule(forged)).toMatchObject({ signed: 0, pendingUserIds: ["officer", "citizen", "prosecutor"] });
});
