import { describe, expect, it } from "vitest";
import { effectsOf } from "./stage-consequences.js";
import { actors, applyAll, buildProposal, helpers, nextTime } from "./test-factories.js";
import { transition } from "./transition.js";

const signOff = () => ({ kind: "sign_off", at: nextTime() }) as const;

describe("what an action did besides itself", () => {
  it("says that an objection replaced the objector's own sign-off", () => {
    const signed = applyAll(buildProposal(), [[signOff(), actors.electorEditor]]);
    const objected = transition(signed, { kind: "object", at: nextTime(), reason: "Too vague." }, actors.electorEditor);
    expect(effectsOf(signed, objected, "citizen")).toEqual([
      { kind: "sign_off_withdrawn", message: "Your sign-off on version 3 was withdrawn: your objection replaces it." },
    ]);
    const other = transition(signed, { kind: "object", at: nextTime(), reason: "Too vague." }, helpers.officer);
    expect(effectsOf(signed, other, "officer")).toEqual([]);
  });

  it("says that the proposal moved on, and where to", () => {
    const twoSigned = applyAll(buildProposal(), [
      [signOff(), helpers.officer],
      [signOff(), actors.electorEditor],
    ]);
    const done = transition(twoSigned, signOff(), helpers.prosecutor);
    expect(effectsOf(twoSigned, done, "prosecutor")).toEqual([
      {
        kind: "stage_changed",
        from: "review",
        to: "awaiting_approval",
        message:
          "The sign-off rule is met: version 3 went to the approving bodies (Board of Police Commissioners and Police Union), and the working group's review is closed.",
      },
    ]);
    expect(effectsOf(buildProposal(), twoSigned, "citizen")).toEqual([]);
  });
});
