import { affiliationColors, affiliationLabels, facilitatorColor, isAffiliation } from "@accord/domain";
import { formatVersionTime } from "../versions/version-format.js";

/** How suggestions and their decisions are put into words (and colours) for people. */

/** What is known about the person behind a suggestion. */
export interface AuthorInfo {
  name: string;
  affiliation: string | null;
}

/** The kinds a suggestion shows as: a replacement is a deletion and an insertion sharing one id. */
export type SuggestionDisplayKind = "insertion" | "deletion" | "replacement";

/** The note a suggest-only member sees above the editor. */
export const suggestOnlyNote = "Your changes are suggestions; an editor accepts or rejects them.";

/** The name shown for an author the page cannot name (an account it was not told about). */
export const unknownAuthorName = "Someone outside the working group";

/** "Police", "Community organisation"; null for someone with no affiliation in this policy. */
export function affiliationLabel(affiliation: string | null): string | null {
  if (affiliation === null) return null;
  return isAffiliation(affiliation) ? affiliationLabels[affiliation] : affiliation;
}

/** The colour of an affiliation's suggestions ("#rrggbb"), the facilitator's grey for none or an unknown one. */
export function affiliationColor(affiliation: string | null): string {
  return affiliation !== null && isAffiliation(affiliation) ? affiliationColors[affiliation] : facilitatorColor;
}

/** "Alice Ray (Police)", or just "Alice Ray" for someone without an affiliation. */
export function authorWithAffiliation(author: AuthorInfo): string {
  const label = affiliationLabel(author.affiliation);
  return label ? `${author.name} (${label})` : author.name;
}

/**
 * A suggestion's time in the reader's locale and time zone ("12 Mar 2026, 14:05"); `locale` and
 * `timeZone` are for tests. An unreadable time is shown as it came rather than hidden.
 */
export function formatSuggestionTime(iso: string, locale?: string, timeZone?: string): string {
  // The same wording as a version's time, and the same cached formatter.
  return formatVersionTime(iso, locale, timeZone);
}

/** The tooltip of suggested text: "Suggested by Alice Ray (Police), 12 Mar 2026, 14:05". */
export function suggestionTooltip(author: AuthorInfo, time: string, locale?: string, timeZone?: string): string {
  return `Suggested by ${authorWithAffiliation(author)}, ${formatSuggestionTime(time, locale, timeZone)}`;
}

/** Text for a quotation: runs of white space (and hard breaks) as single spaces, long text cut with "…". */
export function quoteText(text: string, limit = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const cut = flat.length > limit ? `${flat.slice(0, limit - 1).trimEnd()}…` : flat;
  return `“${cut}”`;
}

/** "Insertion", "Deletion", "Replacement". */
export const kindLabels: Record<SuggestionDisplayKind, string> = {
  insertion: "Insertion",
  deletion: "Deletion",
  replacement: "Replacement",
};

/** What a suggestion proposes: "Add “…”", "Delete “…”", "Replace “…” with “…”". */
export function describeChange(change: { insertedText: string | null; deletedText: string | null }): string {
  const { insertedText, deletedText } = change;
  if (insertedText !== null && deletedText !== null) return `Replace ${quoteText(deletedText)} with ${quoteText(insertedText)}`;
  if (deletedText !== null) return `Delete ${quoteText(deletedText)}`;
  return `Add ${quoteText(insertedText ?? "")}`;
}

/** "1 suggestion", "3 suggestions". */
export function countSuggestions(count: number): string {
  return `${count.toLocaleString("en")} ${count === 1 ? "suggestion" : "suggestions"}`;
}

/** The notice after a decision: "Accepted 2 suggestions." or "Rejected 1 suggestion by Alice Ray." */
export function decisionNotice(decision: "accept" | "reject", count: number, authorName?: string): string {
  if (count === 0) return "Nothing was left to decide: those suggestions were already decided.";
  const verb = decision === "accept" ? "Accepted" : "Rejected";
  return `${verb} ${countSuggestions(count)}${authorName ? ` by ${authorName}` : ""}.`;
}
