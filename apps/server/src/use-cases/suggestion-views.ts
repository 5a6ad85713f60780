import type { SuggestionKind } from "@accord/policy-schema";
import type { PersonOnPolicy } from "../storage/suggestion-decisions.js";

/** A person as suggestion views show them: id, name, and affiliation in the policy's working group. */
export type Person = PersonOnPolicy;

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

/**
 * The person a suggestion mark or a decision names. A mark's author is whatever the document says (an
 * editor may write any), so an id that names no account still gets a person, with the mark's affiliation.
 */
export function personFor(people: ReadonlyMap<string, Person>, id: string, affiliation: string | null): Person {
  return people.get(id.toLowerCase()) ?? { id, name: "Unknown person", affiliation };
}
