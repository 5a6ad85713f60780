export * from "./types.js";
export * from "./proposal.js";
export * from "./transition.js";
export * from "./sign-off-rule.js";
export { stagesAllowing, stageAllows, type StageAction } from "./stage-rules.js";
export { mayReview, isInElectorate } from "./who-may-act.js";
export * from "./available-actions.js";
export { effectsOf, stageChangeWarning, type ActionEffect } from "./stage-consequences.js";
