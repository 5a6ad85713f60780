import type { ProposalStage, ProposalState } from "./types.js";

// What a step to the next stage means, in words for people: once before the step (a confirmation that
// says what will happen) and once after it (what the response and the notice say happened). Both come
// from the states themselves, so the wording cannot promise a step the rules would not take.

function bodyNames(state: ProposalState): string {
  const names = state.requiredBodies.map((body) => body.name);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * What moving from `before` to `after` will do, as one or two sentences for a confirmation ("This meets
 * the sign-off rule: …"); undefined when the stage stays the same.
 */
export function stageChangeWarning(before: ProposalState, after: ProposalState): string | undefined {
  if (before.stage === after.stage) return undefined;
  const version = `version ${after.versionNumber}`;
  switch (after.stage) {
    case "awaiting_approval":
      return `This meets the sign-off rule: ${version} goes to the approving bodies (${bodyNames(after)}) for their decision, and the working group's review closes: no more sign-offs, objections or section positions on it.`;
    case "approved":
      return `Every required body will then have approved ${version}: it becomes approved, and the facilitator can publish it.`;
    case "changes_requested":
      return `This rejection closes the proposal of ${version}: the working group is asked for changes, and a new version must be proposed.`;
    case "published":
      return `${capitalized(version)} becomes public, in force from its effective date.`;
    default:
      return undefined;
  }
}

/** One consequence of an accepted action beyond the action itself, for the response and the notice. */
export type ActionEffect =
  | { readonly kind: "sign_off_withdrawn"; readonly message: string }
  | { readonly kind: "stage_changed"; readonly from: ProposalStage; readonly to: ProposalStage; readonly message: string };

const stageReached: Partial<Record<ProposalStage, (state: ProposalState) => string>> = {
  awaiting_approval: (state) =>
    `The sign-off rule is met: version ${state.versionNumber} went to the approving bodies (${bodyNames(state)}), and the working group's review is closed.`,
  approved: (state) => `Every required body approved version ${state.versionNumber}: it can now be published.`,
  changes_requested: (state) => `The proposal of version ${state.versionNumber} is closed: changes were requested.`,
  published: (state) => `Version ${state.versionNumber} is published.`,
};

/**
 * What an accepted action did besides itself: an objection that replaced the actor's own sign-off, and a
 * step to another stage. Empty when the action did only what it says.
 */
export function effectsOf(before: ProposalState, after: ProposalState, actorId: string): ActionEffect[] {
  const effects: ActionEffect[] = [];
  const hadSignedOff = before.signOffs.some((given) => given.userId === actorId);
  const raised = after.objections.slice(before.objections.length);
  if (hadSignedOff && raised.some((objection) => objection.authorId === actorId && objection.withdrewSignOffGivenAt)) {
    effects.push({
      kind: "sign_off_withdrawn",
      message: `Your sign-off on version ${after.versionNumber} was withdrawn: your objection replaces it.`,
    });
  }
  if (before.stage !== after.stage) {
    const reached = stageReached[after.stage];
    effects.push({
      kind: "stage_changed",
      from: before.stage,
      to: after.stage,
      message: reached ? reached(after) : `The proposal moved on to ${after.stage.replace(/_/g, " ")}.`,
    });
  }
  return effects;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
