/** The affiliations a working-group member can have. Sign-off rules count them. */
export const affiliations = [
  "police",
  "citizen",
  "prosecutor",
  "defense",
  "community",
  "city_staff",
  "other",
] as const;
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
