import type { PolicyRole, PolicyStatus, SignOffRule } from "@accord/domain";

/** How each workflow status is shown to people. */
export const statusLabels: Record<PolicyStatus, string> = {
  drafting: "Drafting",
  in_review: "In working-group review",
  awaiting_approval: "Awaiting approval",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
};

/** How each sign-off rule is shown to people. */
export const signOffRuleLabels: Record<SignOffRule, string> = {
  each_affiliation: "At least one sign-off from each affiliation in the working group",
  every_editor: "Every editor signs off",
  majority: "A majority of editors sign off",
};

/** How each working-group role is shown to people. */
export const roleLabels: Record<PolicyRole, string> = {
  editor: "Editor",
  commenter: "Commenter",
  viewer: "Viewer",
};

/** What each role may do, in one line, for hints beside role choices. */
export const roleDescriptions: Record<PolicyRole, string> = {
  editor: "edits, suggests, comments and signs off",
  commenter: "comments and suggests, never edits directly",
  viewer: "reads",
};
