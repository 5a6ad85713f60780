import type { ActionTarget, AvailableAction } from "@accord/api-contract";

/**
 * Which controls a proposal shows, read from the server's `myActions` and nothing else: the server
 * tries each action through the workflow rules, so a button here is one the server would accept.
 */
export interface ActionPlan {
  signOff: boolean;
  withdrawSignOff: boolean;
  object: boolean;
  sectionPosition: boolean;
  publish: boolean;
  /** Bodies whose decision I may record (I represent them and they have not decided). */
  decisionBodyIds: string[];
  /** Open objections I may withdraw (my own). */
  withdrawableObjectionIds: string[];
  /** Open objections I may overrule (as facilitator). */
  overrulableObjectionIds: string[];
  /** Sections on which I hold a position I may withdraw (while the working group reviews). */
  withdrawableSections: string[];
}

/** Reads `myActions` into the controls to show. */
export function planActions(actions: readonly AvailableAction[]): ActionPlan {
  const plan: ActionPlan = {
    signOff: false,
    withdrawSignOff: false,
    object: false,
    sectionPosition: false,
    publish: false,
    decisionBodyIds: [],
    withdrawableObjectionIds: [],
    overrulableObjectionIds: [],
    withdrawableSections: [],
  };
  for (const action of actions) {
    switch (action.kind) {
      case "sign_off":
        plan.signOff = true;
        break;
      case "withdraw_sign_off":
        plan.withdrawSignOff = true;
        break;
      case "object":
        plan.object = true;
        break;
      case "set_section_position":
        plan.sectionPosition = true;
        break;
      case "publish":
        plan.publish = true;
        break;
      case "record_decision":
        plan.decisionBodyIds.push(action.bodyId);
        break;
      case "withdraw_objection":
        plan.withdrawableObjectionIds.push(action.objectionId);
        break;
      case "overrule_objection":
        plan.overrulableObjectionIds.push(action.objectionId);
        break;
      case "withdraw_section_position":
        plan.withdrawableSections.push(action.section);
        break;
    }
  }
  return plan;
}

/** True when the plan offers the review controls (sign off, object, positions) of a working-group member. */
export function hasReviewControls(plan: ActionPlan): boolean {
  return plan.signOff || plan.withdrawSignOff || plan.object || plan.sectionPosition;
}

/**
 * What an action will do beyond itself when it moves the proposal to another stage (the server's words,
 * from `myActions`), so that the app asks for confirmation first; undefined when it does not.
 */
export function consequenceOf(actions: readonly AvailableAction[], target: ActionTarget): string | undefined {
  const same = (action: AvailableAction) =>
    action.kind === target.kind &&
    (!("objectionId" in target) || ("objectionId" in action && action.objectionId === target.objectionId)) &&
    (!("bodyId" in target) || ("bodyId" in action && action.bodyId === target.bodyId)) &&
    (!("section" in target) || ("section" in action && action.section === target.section));
  return actions.find(same)?.consequence;
}
