/** The affiliations a working-group member can have. Sign-off rules count them. */
export const affiliations = ["police", "citizen", "prosecutor", "defense", "community", "city_staff", "other"] as const;
export type Affiliation = (typeof affiliations)[number];

/** How each affiliation is shown to people. */
export const affiliationLabels: Record<Affiliation, string> = {
  police: "Police",
  citizen: "Citizen",
  prosecutor: "Prosecutor",
  defense: "Defense",
  community: "Community organisation",
  city_staff: "City staff",
  other: "Other",
};

/**
 * The colour that marks each affiliation's cursors, presence and (later) suggestions. Dark enough for
 * white text (WCAG AA contrast at 4.5:1 or better).
 */
export const affiliationColors: Record<Affiliation, string> = {
  police: "#1d4ed8",
  citizen: "#047857",
  prosecutor: "#7c3aed",
  defense: "#b45309",
  community: "#be123c",
  city_staff: "#0e7490",
  other: "#4b5563",
};

/** The colour of a facilitator or representative who is not in the working group. */
export const facilitatorColor = "#374151";

/** A member's role on one policy: editors edit, commenters comment and suggest, viewers read. */
export const policyRoles = ["editor", "commenter", "viewer"] as const;
export type PolicyRole = (typeof policyRoles)[number];

/** True when the value is a known affiliation. */
export function isAffiliation(value: string): value is Affiliation {
  return (affiliations as readonly string[]).includes(value);
}

/** True when the value is a known policy role. */
export function isPolicyRole(value: string): value is PolicyRole {
  return (policyRoles as readonly string[]).includes(value);
}
