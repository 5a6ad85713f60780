import type { AffiliationAuthorship, RecordedDecision } from "@accord/api-contract";
import { affiliationLabel, quoteText } from "./suggestion-wording.js";

/**
 * How the policy page words where the text came from: characters of accepted suggestions by affiliation,
 * as counts, and the recorded decisions. Counts, not shares: a share of the accepted suggestions read as
 * a share of the whole policy ("Community organisation: 100 %"), when most text is typed directly.
 */

/** One affiliation's row of the authorship table. */
export interface AuthorshipRow extends AffiliationAuthorship {
  label: string;
}

/** The name of an affiliation in the table; suggestions made without one (a facilitator's) say so. */
export function authorshipLabel(affiliation: string | null): string {
  return affiliationLabel(affiliation) ?? "No affiliation";
}

/** The table rows, the affiliation whose accepted suggestions added most characters first (then by label, so the order is stable). */
export function authorshipRows(affiliations: readonly AffiliationAuthorship[]): AuthorshipRow[] {
  return affiliations
    .map((entry) => ({ ...entry, label: authorshipLabel(entry.affiliation) }))
    .sort((a, b) => b.acceptedInsertedCharacters - a.acceptedInsertedCharacters || a.label.localeCompare(b.label, "en"));
}

/** The sums over all affiliations, for the table's last row. */
export function authorshipTotals(affiliations: readonly AffiliationAuthorship[]): Omit<AffiliationAuthorship, "affiliation"> {
  const totals = { acceptedInsertedCharacters: 0, acceptedDeletedCharacters: 0, accepted: 0, rejected: 0 };
  for (const entry of affiliations) {
    totals.acceptedInsertedCharacters += entry.acceptedInsertedCharacters;
    totals.acceptedDeletedCharacters += entry.acceptedDeletedCharacters;
    totals.accepted += entry.accepted;
    totals.rejected += entry.rejected;
  }
  return totals;
}

/** "Dana Diaz accepted Sam Lee's insertion “…”" (the time is shown beside it). */
export function describeDecision(decision: Pick<RecordedDecision, "decidedBy" | "decision" | "author" | "kind" | "text">): string {
  const whose = decision.author.id === decision.decidedBy.id ? "their own" : `${decision.author.name}’s`;
  return `${decision.decidedBy.name} ${decision.decision} ${whose} ${decision.kind} ${quoteText(decision.text, 80)}`;
}

/** "1,204 characters". */
export function characterCount(count: number): string {
  return `${count.toLocaleString("en")} ${count === 1 ? "character" : "characters"}`;
}
