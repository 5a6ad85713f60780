// The tables of the suggestion-decisions aggregate as Kysely sees them: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists them in `Database`, and `storage/suggestion-decisions.ts` builds its
// row types and queries on them.

/** The `suggestion_decisions` table (append-only): who decided which suggestion, whose it was, its text. */
export interface SuggestionDecisionsTable {
  id: string;
  policy_id: string;
  suggestion_id: string;
  kind: "insertion" | "deletion";
  author_id: string;
  author_affiliation: string | null;
  suggested_at: Date;
  text: string;
  decision: "accepted" | "rejected";
  decided_by: string;
  decided_at: Date;
}
