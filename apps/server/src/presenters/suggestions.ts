import type { Authorship, DecidedSuggestion, SuggestionView } from "@accord/api-contract";
import type { AuthorshipView } from "../use-cases/drafts/get-authorship.js";
import type { DecidedSuggestionView, SuggestionView as PendingSuggestion } from "../use-cases/suggestions/suggestion-views.js";
import { presentPerson } from "./people.js";

/** A pending suggestion in the draft. */
export function presentSuggestion(suggestion: PendingSuggestion): SuggestionView {
  return {
    id: suggestion.id,
    kind: suggestion.kind,
    author: presentPerson(suggestion.author),
    affiliation: suggestion.affiliation,
    time: suggestion.time,
    text: suggestion.text,
    section: suggestion.section,
  };
}

/** What deciding one suggestion did. */
export function presentDecidedSuggestion(decided: DecidedSuggestionView): DecidedSuggestion {
  return {
    suggestionId: decided.suggestionId,
    kind: decided.kind,
    text: decided.text,
    author: presentPerson(decided.author),
    decision: decided.decision,
  };
}

/** Where a policy's text came from: by affiliation, the newest decisions, and the draft's text by typist. */
export function presentAuthorship(authorship: AuthorshipView): Authorship {
  return {
    affiliations: authorship.affiliations.map((entry) => ({
      affiliation: entry.affiliation,
      acceptedInsertedCharacters: entry.acceptedInsertedCharacters,
      acceptedDeletedCharacters: entry.acceptedDeletedCharacters,
      accepted: entry.accepted,
      rejected: entry.rejected,
    })),
    decisions: authorship.decisions.map((decision) => ({
      suggestionId: decision.suggestionId,
      kind: decision.kind,
      text: decision.text,
      author: presentPerson(decision.author),
      affiliation: decision.affiliation,
      suggestedAt: decision.suggestedAt,
      decision: decision.decision,
      decidedBy: presentPerson(decision.decidedBy),
      decidedAt: decision.decidedAt,
    })),
    draftText: {
      byAffiliation: authorship.draftText.byAffiliation.map(({ affiliation, characters }) => ({ affiliation, characters })),
      notRecorded: authorship.draftText.notRecorded,
    },
  };
}
