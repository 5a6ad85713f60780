/**
 * Where a published version stands on a given day (DOMAIN.md, "The workflow"): publishing vN supersedes
 * the version in force only from vN's effective date; until then the earlier one stays in force and vN
 * is adopted, taking effect on its date.
 * - `in_force`: the newest publication whose effective date has come.
 * - `adopted`: its effective date has not come yet, and it will take effect on it.
 * - `superseded`: a later publication has taken effect, or will take effect no later than this one
 *   (so this one never takes effect).
 */
export type PublicationStanding = "in_force" | "adopted" | "superseded";

/** What the rule needs of a publication: its effective date (YYYY-MM-DD) and when it was published. */
export interface DatedPublication {
  readonly effectiveDate: string;
  readonly publishedAt: Date;
}

/**
 * The calendar day of an instant, as YYYY-MM-DD, which compares with effective dates as strings. Days are
 * UTC days: Accord keeps no time zone for a policy, and one rule for every reader and every process
 * matters more than the few hours around midnight.
 */
export function calendarDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The standing of each publication on `today` (YYYY-MM-DD), in the order given. Publication order, not
 * effective date, decides which of two effective versions is in force: the later act of publishing
 * replaces the earlier one.
 */
export function publicationStandings<T extends DatedPublication>(publications: readonly T[], today: string): PublicationStanding[] {
  return publications.map((publication) => {
    const takesEffect = publication.effectiveDate > today ? publication.effectiveDate : today;
    const replaced = publications.some(
      (later) => later.publishedAt.getTime() > publication.publishedAt.getTime() && later.effectiveDate <= takesEffect,
    );
    if (replaced) return "superseded";
    return publication.effectiveDate <= today ? "in_force" : "adopted";
  });
}
