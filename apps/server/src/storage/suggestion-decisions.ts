import type { Selectable } from "kysely";

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
export type SuggestionDecisionRow = Selectable<SuggestionDecisionsTable>;
