import {
  chooseSuggestions,
  decideSuggestionRuns,
  findSuggestionRuns,
  groupSuggestionRuns,
  type FoundSuggestion,
  type SuggestionChoice,
} from "@accord/collab";
import { AccordError } from "@accord/domain";
import { validateSuggestionTime } from "@accord/policy-schema";
import type { CurrentUser } from "../../auth/sessions.js";
import { draftFragmentName } from "../../drafts/yjs-draft.js";
import { findPeopleOnPolicy, personFor } from "../../storage/people.js";
import { storableText } from "../../storage/storable-text.js";
import { insertSuggestionDecisions, type NewSuggestionDecisionRow } from "../../storage/suggestion-decisions.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { tellDraftEditors } from "../draft-notices.js";
import { notifySuggestionDecisions } from "./suggestion-notices.js";
import type { DecidedSuggestionView } from "./suggestion-views.js";

/** What an editor decides: accept or reject, named suggestions or all of one author's (exactly one of the two). */
export interface DecideSuggestionsInput {
  decision: "accept" | "reject";
  suggestionIds?: readonly string[];
  authorId?: string;
}

function choiceOf(input: DecideSuggestionsInput): SuggestionChoice {
  if (input.suggestionIds !== undefined && input.authorId !== undefined) {
    throw new AccordError("validation_failed", "Give either suggestionIds or authorId, not both.", {
      fields: [{ path: "/body/authorId", message: "cannot be given with suggestionIds" }],
    });
  }
  if (input.suggestionIds !== undefined) return { suggestionIds: input.suggestionIds };
  if (input.authorId !== undefined) return { authorId: input.authorId };
  throw new AccordError("validation_failed", "Give the suggestions to decide: suggestionIds, or authorId for all of one author's.", {
    fields: [{ path: "/body/suggestionIds", message: "is required unless authorId is given" }],
  });
}

/**
 * When a suggestion was made, as its record stores it. Marks are validated when they are found
 * (findSuggestionRuns), so a time outside what PostgreSQL holds cannot normally get here; if one ever
 * did, a Date built from it would make the database refuse the whole decision. The decision's own time
 * stands in instead: the suggestion was certainly made before it was decided.
 */
function suggestedAt(time: string, decidedAt: Date): Date {
  try {
    validateSuggestionTime(time);
    return new Date(time);
  } catch {
    return decidedAt;
  }
}

/**
 * An editor accepts or rejects suggestions: some by id, or all of one author's. The decision is one
 * server-made change to the draft, computed on the committed document (the suggestions decided are
 * those it holds at that moment), and committed in one transaction with its audit event and a record
 * of each decision (who decided, when, what text, whose suggestion), so that authorship survives
 * acceptance, and the notifications of their authors. Connected editors see the change at once.
 */
export async function decideSuggestions(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  input: DecideSuggestionsInput,
): Promise<DecidedSuggestionView[]> {
  const choice = choiceOf(input);
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.edit");
  const decision = input.decision === "accept" ? "accepted" : "rejected";
  const chosenAuthor = "authorId" in choice ? await findPeopleOnPolicy(ctx.db, policy.id, [choice.authorId]) : new Map();
  const now = ctx.now();

  // What the change found and decided, with each text once made storable: the record and the answer agree.
  let decided: (FoundSuggestion & { storedText: string })[] = [];
  let rows: NewSuggestionDecisionRow[] = [];
  const changed = await ctx.liveDrafts.applyServerChange(
    policy.id,
    (doc) => {
      const runs = findSuggestionRuns(doc.getXmlFragment(draftFragmentName));
      const { chosen, unknownIds } = chooseSuggestions(groupSuggestionRuns(runs), choice);
      if (unknownIds.length > 0) {
        const list = unknownIds.map((id) => `"${id}"`).join(", ");
        throw new AccordError("suggestion_not_found", `The draft has no pending suggestion ${list}: it may have been decided already.`);
      }
      if (chosen.length === 0 && "authorId" in choice) {
        const name = personFor(chosenAuthor, choice.authorId, null).name;
        throw new AccordError("suggestion_not_found", `The draft has no pending suggestion by ${name} (${choice.authorId}).`);
      }
      decideSuggestionRuns(runs, input.decision, chosen);
      decided = chosen.map((suggestion) => ({ ...suggestion, storedText: storableText(suggestion.text) }));
      rows = decided.map((suggestion) => ({
        id: crypto.randomUUID(),
        policy_id: policy.id,
        suggestion_id: suggestion.id,
        kind: suggestion.kind,
        author_id: suggestion.author,
        author_affiliation: suggestion.affiliation,
        suggested_at: suggestedAt(suggestion.time, now),
        text: suggestion.storedText,
        decision,
        decided_by: actor.id,
        decided_at: now,
      }));
    },
    () => ({
      occurredAt: now,
      actorId: actor.id,
      action: `suggestions.${decision}`,
      subjectType: "policy",
      subjectId: policy.id,
      payload: {
        suggestionIds: [...new Set(decided.map((suggestion) => suggestion.id))],
        ...("authorId" in choice ? { authorId: choice.authorId } : {}),
      },
    }),
    async (trx) => {
      await insertSuggestionDecisions(trx, rows);
      await notifySuggestionDecisions(ctx, trx, {
        policy,
        decider: actor,
        decision,
        decided: decided.map((suggestion) => ({ author: suggestion.author, kind: suggestion.kind, text: suggestion.storedText })),
        now,
      });
    },
  );
  // Nothing changed, so nothing was committed or recorded: claiming decisions would be false.
  if (!changed) {
    throw new AccordError("suggestion_not_found", "Deciding changed nothing in the draft: the suggestions may have been decided already.");
  }
  const count = new Set(decided.map((suggestion) => suggestion.id)).size;
  if (count > 0) tellDraftEditors(ctx, policy.id, { kind: "suggestions-decided", decision, count, decidedBy: actor.displayName });

  const people = await findPeopleOnPolicy(
    ctx.db,
    policy.id,
    decided.map((suggestion) => suggestion.author),
  );
  return decided.map((suggestion) => ({
    suggestionId: suggestion.id,
    kind: suggestion.kind,
    text: suggestion.storedText,
    author: personFor(people, suggestion.author, suggestion.affiliation),
    decision,
  }));
}
