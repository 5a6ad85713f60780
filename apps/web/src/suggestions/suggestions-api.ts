import { request } from "../api.js";

/** The typed client for the suggestion endpoints of Accord's JSON API, sharing api.ts's request handling. */

/** A person as these endpoints name them. */
export interface Person {
  id: string;
  name: string;
  affiliation: string | null;
}

/** A pending suggestion as GET /suggestions lists it. */
export interface SuggestionView {
  id: string;
  kind: "insertion" | "deletion";
  author: Person;
  affiliation: string | null;
  time: string;
  text: string;
  /** The number of the section it sits in ("4.2"), or null. */
  section: string | null;
}

/** An editor's decision on suggestions. */
export type SuggestionDecision = "accept" | "reject";

/** Which suggestions a decision takes: the listed ids, or every pending one of one author. */
export type DecisionTarget = { suggestionIds: string[] } | { authorId: string };

/** One suggestion decided by a POST /suggestions/decisions. */
export interface DecidedSuggestion {
  suggestionId: string;
  kind: "insertion" | "deletion";
  text: string;
  author: Person;
  decision: "accepted" | "rejected";
}

/** How much accepted text one affiliation contributed. */
export interface AffiliationAuthorship {
  affiliation: string | null;
  acceptedInsertedCharacters: number;
  acceptedDeletedCharacters: number;
  accepted: number;
  rejected: number;
}

/** One recorded decision on a suggestion. */
export interface RecordedDecision {
  suggestionId: string;
  kind: "insertion" | "deletion";
  text: string;
  author: Person;
  affiliation: string | null;
  suggestedAt: string;
  decision: "accepted" | "rejected";
  decidedBy: Person;
  decidedAt: string;
}

/** Where a policy's text came from, as GET /authorship answers. */
export interface Authorship {
  affiliations: AffiliationAuthorship[];
  /** Newest first, at most 200. */
  decisions: RecordedDecision[];
}

const policyPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;

/** The suggestion endpoints, one function each. */
export const suggestionsApi = {
  listSuggestions: (policyId: string, signal?: AbortSignal) =>
    request<{ suggestions: SuggestionView[] }>("GET", `${policyPath(policyId)}/suggestions`, undefined, signal).then(
      (r) => r.suggestions,
    ),
  /** Accepts or rejects suggestions; the server changes the draft, and open editors receive it live. */
  decide: (policyId: string, decision: SuggestionDecision, target: DecisionTarget) =>
    request<{ decided: DecidedSuggestion[] }>("POST", `${policyPath(policyId)}/suggestions/decisions`, {
      decision,
      ...target,
    }).then((r) => r.decided),
  getAuthorship: (policyId: string, signal?: AbortSignal) =>
    request<Authorship>("GET", `${policyPath(policyId)}/authorship`, undefined, signal),
};
