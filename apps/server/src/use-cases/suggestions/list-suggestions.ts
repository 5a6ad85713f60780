import { AccordError } from "@accord/domain";
import { collectSuggestions, numberSections, policySchema, sectionAt } from "@accord/policy-schema";
import type { CurrentUser } from "../../auth/sessions.js";
import { decodeDraftContent } from "../../drafts/yjs-draft.js";
import { findPeopleOnPolicy, personFor } from "../../storage/people.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import type { SuggestionView } from "./suggestion-views.js";

/**
 * The pending suggestions of the committed draft, in document order, each with its author, the
 * affiliation it was made as, its text and the number of the section it sits in.
 */
export async function listSuggestions(ctx: UseCaseContext, actor: CurrentUser, policyId: string): Promise<SuggestionView[]> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.read");
  const state = await ctx.liveDrafts.committedState(policy.id);
  if (!state) throw new AccordError("not_found", "This policy has no draft.");
  const doc = policySchema.nodeFromJSON(decodeDraftContent(state));
  const sections = numberSections(doc);
  const suggestions = collectSuggestions(doc);
  const people = await findPeopleOnPolicy(
    ctx.db,
    policy.id,
    suggestions.map((suggestion) => suggestion.author),
  );
  return suggestions.map((suggestion) => ({
    id: suggestion.id,
    kind: suggestion.kind,
    author: personFor(people, suggestion.author, suggestion.affiliation),
    affiliation: suggestion.affiliation,
    time: suggestion.time,
    text: suggestion.text,
    section: sectionAt(sections, suggestion.from),
  }));
}
