import type { AnswerOf, DecideSuggestions, suggestionEndpoints } from "@accord/api-contract";
import { request } from "../api.js";

/**
 * The typed client for the suggestion endpoints of Accord's JSON API, sharing api.ts's request handling;
 * the shapes are the API contract's (SuggestionView, DecidedSuggestion, Authorship), imported as types.
 */

/** An editor's decision on suggestions. */
export type SuggestionDecision = DecideSuggestions["decision"];

/** Which suggestions a decision takes: the listed ids, or every pending one of one author. */
export type DecisionTarget = { suggestionIds: string[] } | { authorId: string };

const policyPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;

/** The suggestion endpoints, one function each. */
export const suggestionsApi = {
  listSuggestions: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof suggestionEndpoints.list>>("GET", `${policyPath(policyId)}/suggestions`, undefined, signal).then(
      (r) => r.suggestions,
    ),
  /** Accepts or rejects suggestions; the server changes the draft, and open editors receive it live. */
  decide: (policyId: string, decision: SuggestionDecision, target: DecisionTarget) =>
    request<AnswerOf<typeof suggestionEndpoints.decide>>("POST", `${policyPath(policyId)}/suggestions/decisions`, {
      decision,
      ...target,
    } satisfies DecideSuggestions).then((r) => r.decided),
  getAuthorship: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof suggestionEndpoints.authorship>>("GET", `${policyPath(policyId)}/authorship`, undefined, signal),
};
