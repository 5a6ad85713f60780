import { affiliationLabels, affiliations, policyRoles, signOffRules } from "@accord/domain";
import { roleDescriptions, roleLabels, signOffRuleLabels } from "../labels.js";

/** Affiliation choices for a select, in the domain's order. */
export const affiliationChoices = affiliations.map((affiliation) => [affiliation, affiliationLabels[affiliation]] as const);

/** Role choices for a select, each with what the role may do. */
export const roleChoices = policyRoles.map((role) => [role, `${roleLabels[role]} (${roleDescriptions[role]})`] as const);

/** Role choices with the bare label, for compact table rows. */
export const shortRoleChoices = policyRoles.map((role) => [role, roleLabels[role]] as const);

/** Sign-off rule choices for a select. */
export const signOffRuleChoices = signOffRules.map((rule) => [rule, signOffRuleLabels[rule]] as const);
