import { publicationStandings, type PublicationStanding } from "@accord/domain";
import type { PublishedVersion } from "../storage/public-policies.js";

/**
 * A policy's published versions as they stand on one day: which is in force, which are adopted and yet
 * to take effect, and which the public page of the policy shows (the one in force or, before any takes
 * effect, the first to come).
 */
export interface PolicyStanding {
  /** Every publication, newest first. */
  readonly versions: readonly PublishedVersion[];
  readonly inForce: PublishedVersion | undefined;
  /** Adopted versions that have not taken effect, soonest first. */
  readonly adopted: readonly PublishedVersion[];
  /** What /policies/<slug> shows. */
  readonly shown: PublishedVersion;
  standingOf(version: PublishedVersion): PublicationStanding;
}

/** The standing of a policy's publications (newest first, at least one) on `today` (YYYY-MM-DD). */
export function policyStandingOn(versions: readonly PublishedVersion[], today: string): PolicyStanding {
  const standings = new Map(publicationStandings(versions, today).map((standing, index) => [versions[index]!, standing]));
  const inForce = versions.find((version) => standings.get(version) === "in_force");
  const adopted = versions
    .filter((version) => standings.get(version) === "adopted")
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const shown = inForce ?? adopted[0] ?? versions[0];
  if (!shown) throw new Error("A policy's standing needs at least one publication.");
  return { versions, inForce, adopted, shown, standingOf: (version) => standings.get(version) ?? "superseded" };
}
