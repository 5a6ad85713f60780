import { AccordError } from "./errors.js";

/** Where a policy stands in the workflow (see DOMAIN.md). */
export const policyStatuses = ["drafting", "in_review", "awaiting_approval", "changes_requested", "approved", "published"] as const;
export type PolicyStatus = (typeof policyStatuses)[number];

/** The sign-off rules a facilitator can choose per policy. */
export const signOffRules = ["each_affiliation", "every_editor", "majority"] as const;
export type SignOffRule = (typeof signOffRules)[number];

/** Slugs appear in public URLs (/policies/<slug>): lowercase words joined by single hyphens. */
export const slugPattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
const slugRegExp = new RegExp(slugPattern);
export const slugMaxLength = 80;

/** Throws validation_failed unless the slug is usable in a public URL. */
export function assertValidSlug(slug: string): void {
  if (slug.length === 0 || slug.length > slugMaxLength || !slugRegExp.test(slug)) {
    throw new AccordError(
      "validation_failed",
      `The slug "${slug}" must be 1 to ${slugMaxLength} lowercase letters or digits, in words joined by single hyphens.`,
      { fields: [{ path: "/slug", message: "lowercase letters, digits and single hyphens only" }] },
    );
  }
}

/** Derives a slug from a title: "Body-Worn Camera Policy" → "body-worn-camera-policy". */
export function slugFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, slugMaxLength)
    .replace(/-+$/g, "");
}
