import type { SuggestionKind } from "@accord/policy-schema";
import type { CurrentUser } from "../../auth/sessions.js";
import { findPeopleOnPolicy, personFor, type Person } from "../../storage/people.js";
import { listRecentDecisions, summarizeAuthorship, type AffiliationAuthorship } from "../../storage/suggestion-decisions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** How many of the newest decisions the authorship view lists. */
export const recentDecisionsShown = 200;

/** One recorded decision on a suggestion. */
export interface DecisionView {
  suggestionId: string;
  kind: SuggestionKind;
  text: string;
  author: Person;
  /** The affiliation the suggestion was made as. */
  affiliation: string | null;
  suggestedAt: string;
  decision: "accepted" | "rejected";
  decidedBy: Person;
  decidedAt: string;
}

/** Where the policy's text came from: the decisions on suggestions by affiliation, and the newest decisions. */
export interface AuthorshipView {
  affiliations: AffiliationAuthorship[];
  decisions: DecisionView[];
}

/**
 * How much of the policy's text came from each affiliation, from the record of decisions on
 * suggestions (authorship survives acceptance there, after the marks are gone from the text), with
 * the newest decisions, newest first.
 */
export async function getAuthorship(ctx: UseCaseContext, actor: CurrentUser, policyId: string): Promise<AuthorshipView> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.read");
  const affiliations = await summarizeAuthorship(ctx.db, policy.id);
  const rows = await listRecentDecisions(ctx.db, policy.id, recentDecisionsShown);
  const people = await findPeopleOnPolicy(
    ctx.db,
    policy.id,
    rows.flatMap((row) => [row.author_id, row.decided_by]),
  );
  return {
    affiliations,
    decisions: rows.map((row) => ({
      suggestionId: row.suggestion_id,
      kind: row.kind,
      text: row.text,
      author: personFor(people, row.author_id, row.author_affiliation),
      affiliation: row.author_affiliation,
      suggestedAt: new Date(row.suggested_at).toISOString(),
      decision: row.decision,
      decidedBy: personFor(people, row.decided_by, null),
      decidedAt: new Date(row.decided_at).toISOString(),
    })),
  };
}
