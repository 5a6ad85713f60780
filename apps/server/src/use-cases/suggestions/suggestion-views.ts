import type { SuggestionKind } from "@accord/policy-schema";
import type { Person } from "../../storage/people.js";

/** A pending suggestion as the API shows it. */
export interface SuggestionView {
  id: string;
  kind: SuggestionKind;
  author: Person;
  /** The affiliation the suggestion was made as (from its mark). */
  affiliation: string | null;
  time: string;
  text: string;
  /** The number of the section it sits in ("4.2"), or null before the first heading. */
  section: string | null;
}

/** What deciding one suggestion did. */
export interface DecidedSuggestionView {
  suggestionId: string;
  kind: SuggestionKind;
  text: string;
  author: Person;
  decision: "accepted" | "rejected";
}
