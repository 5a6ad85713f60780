import type { AffiliationAuthorship, RecordedDecision } from "@accord/api-contract";
import { affiliationLabel, quoteText } from "./suggestion-wording.js";

/** How the policy page words where the text came from: shares per affiliation and recorded decisions. */

/** One affiliation's row of the authorship table. */
export interface AuthorshipRow extends AffiliationAuthorship {
  label: string;
  /** Its part of all accepted inserted characters, in whole percent ("–" when nothing was accepted yet). */
  share: string;
}

/** The name of an affiliation in the table; suggestions made without one (a facilitator's) say so. */
export function authorshipLabel(affiliation: string | null): string {
  return affiliationLabel(affiliation) ?? "No affiliation";
}

/**
 * The table rows, the largest contributor of accepted text first (then by label, so the order is stable),
 * each with its share of the accepted inserted characters.
 */
export function authorshipRows(affiliations: readonly AffiliationAuthorship[]): AuthorshipRow[] {
  const total = affiliations.reduce((sum, entry) => sum + entry.acceptedInsertedCharacters, 0);
  return affiliations
    .map((entry) => ({
      ...entry,
      label: authorshipLabel(entry.affiliation),
      share: total === 0 ? "–" : `${Math.round((entry.acceptedInsertedCharacters / total) * 100)}%`,
    }))
    .sort((a, b) => b.acceptedInsertedCharacters - a.acceptedInsertedCharacters || a.label.localeCompare(b.label, "en"));
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
