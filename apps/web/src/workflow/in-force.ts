import type { PublicationSummary } from "@accord/api-contract";

/**
 * What the policy page says of its publications: the version in force today, and the adopted ones that
 * take effect later (soonest first). The newest publication is not necessarily in force: until its
 * effective date, the earlier one is.
 */
export function publicationsInForce(publications: readonly PublicationSummary[]): {
  inForce: PublicationSummary | undefined;
  adopted: PublicationSummary[];
} {
  return {
    inForce: publications.find((publication) => publication.standing === "in_force"),
    adopted: publications
      .filter((publication) => publication.standing === "adopted")
      .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)),
  };
}
