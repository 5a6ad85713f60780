import { describe, expect, it } from "vitest";
import { buildProposal } from "./build-proposal.js";
import { policyStatuses } from "@accord/domain";
import {
  bodyPossessive,
  decisionConfirmation,
  listPhrase,
  policyStageSentence,
  stageHeadline,
  tallyText,
  waitingSentences,
} from "./stage-wording.js";

const decision = (bodyId: string, choice: "approve" | "reject" = "approve") => ({
  bodyId,
  decision: choice,
  reason: "Adopted.",
  meetingDate: "2026-06-01",
  meetingReference: "Resolution 1",
  recordedBy: "rep",
  recordedAt: "2026-06-01T18:00:00.000Z",
});

describe("policyStageSentence", () => {
  it("says what drafting means to a newcomer", () => {
    expect(policyStageSentence("drafting").sentence).toBe("Drafting: editors are writing; nothing is proposed yet");
  });

  it("says who acts next in review, awaiting approval and approved", () => {
    expect(policyStageSentence("in_review").sentence).toBe(
      "In working-group review: a version is proposed and the working group is signing off on it",
    );
    expect(policyStageSentence("awaiting_approval").sentence).toBe(
      "Awaiting approval: the working group has signed off; the approving bodies decide next",
    );
    expect(policyStageSentence("approved").sentence).toBe(
      "Approved: every required body approved the version; the facilitator can publish it",
    );
  });

  it("starts every status's sentence with the status's own name, and explains each one differently", () => {
    const explanations = policyStatuses.map((status) => {
      const { label, explanation, sentence } = policyStageSentence(status);
      expect(sentence).toBe(`${label}: ${explanation}`);
      expect(explanation).not.toBe("");
      return explanation;
    });
    expect(new Set(explanations).size).toBe(policyStatuses.length);
  });
});

describe("stageHeadline", () => {
  it("names the version under working-group review", () => {
    expect(stageHeadline(buildProposal())).toBe("Working-group review of version 3");
  });

  it("names every body still to decide, with the article", () => {
    expect(stageHeadline(buildProposal({ stage: "awaiting_approval" }))).toBe(
      "Awaiting approval by the Board of Police Commissioners and the Police Union",
    );
  });

  it("stops naming a body once it has approved", () => {
    expect(stageHeadline(buildProposal({ stage: "awaiting_approval", decisions: [decision("board")] }))).toBe(
      "Awaiting approval by the Police Union",
    );
  });

  it("says an approved proposal is ready to publish", () => {
    expect(stageHeadline(buildProposal({ stage: "approved" }))).toBe("Approved — ready to publish");
  });

  it("gives a publication's effective date", () => {
    const publication = { effectiveDate: "2027-01-01", publishedBy: "facilitator", publishedAt: "2026-07-01T00:00:00.000Z" };
    expect(stageHeadline(buildProposal({ stage: "published", publication }))).toBe("Published, effective 2027-01-01");
  });

  it("carries the rejection's reason when changes are requested", () => {
    const closedReason = "Police Union rejected version 3: Section 4.2 conflicts with the contract.";
    expect(stageHeadline(buildProposal({ stage: "changes_requested", closedReason }))).toBe(`Changes requested: ${closedReason}`);
  });

  it("says a superseded proposal was replaced, with or without a reason", () => {
    expect(stageHeadline(buildProposal({ stage: "superseded" }))).toBe("Superseded by a newer proposal");
    expect(stageHeadline(buildProposal({ stage: "superseded", closedReason: "Version 4 was proposed." }))).toBe(
      "Superseded: Version 4 was proposed.",
    );
  });
});

describe("waitingSentences", () => {
  const policyTitle = "Body-Worn Camera Policy";

  it("asks a member for their sign-off", () => {
    const proposal = buildProposal({ myActions: [{ kind: "sign_off" }, { kind: "object" }] });
    expect(waitingSentences({ policyTitle, proposal })).toEqual(["Your sign-off is requested on version 3 of Body-Worn Camera Policy"]);
  });

  it("asks a representative for their body's decision, in the possessive", () => {
    const proposal = buildProposal({ stage: "awaiting_approval", myActions: [{ kind: "record_decision", bodyId: "union" }] });
    expect(waitingSentences({ policyTitle, proposal })).toEqual([
      "The Police Union's decision is requested on version 3 of Body-Worn Camera Policy",
    ]);
  });

  it("tells the facilitator what is ready to publish", () => {
    const proposal = buildProposal({ stage: "approved", myActions: [{ kind: "publish" }] });
    expect(waitingSentences({ policyTitle, proposal })).toEqual(["Ready to publish: version 3 of Body-Worn Camera Policy is approved"]);
  });
});

describe("small phrases", () => {
  it("joins lists the way people write them", () => {
    expect(listPhrase([])).toBe("");
    expect(listPhrase(["A"])).toBe("A");
    expect(listPhrase(["A", "B"])).toBe("A and B");
    expect(listPhrase(["A", "B", "C"])).toBe("A, B and C");
  });

  it("writes possessives of names ending in s with an apostrophe only", () => {
    expect(bodyPossessive("Board of Police Commissioners")).toBe("The Board of Police Commissioners'");
    expect(bodyPossessive("The City Council")).toBe("The City Council's");
  });

  it("spells out a vote tally", () => {
    expect(tallyText({ for: 4, against: 1, abstain: 0 })).toBe("4 for, 1 against, 0 abstaining");
  });
});

describe("bodyPossessive inside a sentence", () => {
  it("keeps the article in lower case", () => {
    expect(bodyPossessive("Police Union", false)).toBe("the Police Union's");
  });
});

describe("decisionConfirmation", () => {
  const proposal = { versionNumber: 3, contentHash: "a".repeat(64) };

  it("repeats the body, the version and the full content hash, and says the record is final", () => {
    expect(decisionConfirmation("Board of Police Commissioners", "approval", proposal, "")).toBe(
      `The Board of Police Commissioners' approval will bind to version 3, content hash ${"a".repeat(64)}. ` +
        "The decision is part of the public record and cannot be changed.",
    );
  });

  it("says what happens next between the two", () => {
    const text = decisionConfirmation("Police Union", "rejection", proposal, "The proposal goes back to the working group.");
    expect(text).toBe(
      `The Police Union's rejection will bind to version 3, content hash ${"a".repeat(64)}. ` +
        "The proposal goes back to the working group. The decision is part of the public record and cannot be changed.",
    );
  });
});
