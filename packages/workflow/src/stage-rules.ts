import { AccordError } from "@accord/domain";
import type { ProposalStage, WorkflowEventKind } from "./types.js";

/** What can be done to a proposal: its events, and being superseded by a newer proposal. */
export type StageAction = WorkflowEventKind | "supersede";

/**
 * The one table of which stage allows which action. The working group's review (sign-offs, objections,
 * section positions) closes when the rule is met, so that the bodies decide on a settled record.
 */
export const stagesAllowing: Readonly<Record<StageAction, readonly ProposalStage[]>> = {
  sign_off: ["review"],
  withdraw_sign_off: ["review"],
  object: ["review"],
  withdraw_objection: ["review"],
  overrule_objection: ["review"],
  // Until the proposal leaves the working group, a member may change or withdraw a section position.
  set_section_position: ["review"],
  withdraw_section_position: ["review"],
  record_decision: ["awaiting_approval"],
  publish: ["approved"],
  // An approved but unpublished proposal may be superseded too: the facilitator chose to put a newer
  // version forward instead, and the approvals stay on the record of the old one.
  supersede: ["review", "awaiting_approval", "approved"],
};

const situation: Record<ProposalStage, string> = {
  review: "This proposal is in working-group review",
  awaiting_approval: "This proposal is awaiting approval",
  approved: "This proposal is approved",
  published: "This proposal is published",
  changes_requested: "Changes were requested on this proposal",
  superseded: "A newer proposal superseded this one",
};

const closed: Record<StageAction, string> = {
  sign_off: "sign-offs are closed",
  withdraw_sign_off: "sign-offs are closed",
  object: "objections are closed",
  withdraw_objection: "objections are closed",
  overrule_objection: "objections are closed",
  set_section_position: "section positions are closed",
  withdraw_section_position: "section positions are closed",
  record_decision: "decisions are closed",
  publish: "only an approved proposal can be published",
  supersede: "it is already closed",
};

function consequence(stage: ProposalStage, action: StageAction): string {
  if (action === "record_decision") {
    if (stage === "review") return "the bodies decide once the working group has signed off";
    if (stage === "changes_requested") return "a body rejected it, so it takes no more decisions";
    if (stage === "approved" || stage === "published") return "every required body has already decided";
  }
  if (action === "publish" && stage === "published") return "it cannot be published again";
  return closed[action];
}

/** True when the proposal's stage allows the action (who may take it is a separate question). */
export function stageAllows(stage: ProposalStage, action: StageAction): boolean {
  return stagesAllowing[action].includes(stage);
}

/**
 * Throws wrong_stage, with a message naming the stage and what follows from it ("This proposal is
 * awaiting approval; sign-offs are closed."), unless the stage allows the action.
 */
export function assertStageAllows(stage: ProposalStage, action: StageAction): void {
  if (stageAllows(stage, action)) return;
  throw new AccordError("wrong_stage", `${situation[stage]}; ${consequence(stage, action)}.`);
}
