import { textByClient } from "@accord/collab";
import type { SuggestionKind } from "@accord/policy-schema";
import * as Y from "yjs";
import { draftFragmentName } from "../../drafts/yjs-draft.js";
import { findDraftClientOwners } from "../../storage/draft-clients.js";
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

/** The draft's text now by the affiliation of who typed it, and what no record names a typist for. */
export interface DraftTextView {
  byAffiliation: { affiliation: string | null; characters: number }[];
  notRecorded: number;
}

/** Where the policy's text came from: the decisions on suggestions by affiliation, the newest decisions, the draft's text by typist. */
export interface AuthorshipView {
  affiliations: AffiliationAuthorship[];
  decisions: DecisionView[];
  draftText: DraftTextView;
}

/**
 * The draft's text now, counted by the affiliation (on this policy) of the account each Yjs client
 * belongs to (`draft_clients`); characters of clients no record names are `notRecorded`.
 */
async function draftTextByAffiliation(ctx: UseCaseContext, policyId: string): Promise<DraftTextView> {
  const state = await ctx.liveDrafts.committedState(policyId);
  if (!state) return { byAffiliation: [], notRecorded: 0 };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const counts = textByClient(doc.getXmlFragment(draftFragmentName));
  doc.destroy();
  const owners = await findDraftClientOwners(ctx.db, policyId);
  const people = await findPeopleOnPolicy(ctx.db, policyId, owners.values());
  const byAffiliation = new Map<string | null, number>();
  let notRecorded = 0;
  for (const [clientId, characters] of counts) {
    const owner = owners.get(clientId);
    if (owner === undefined) {
      notRecorded += characters;
      continue;
    }
    const affiliation = people.get(owner)?.affiliation ?? null;
    byAffiliation.set(affiliation, (byAffiliation.get(affiliation) ?? 0) + characters);
  }
  return {
    byAffiliation: [...byAffiliation]
      .map(([affiliation, characters]) => ({ affiliation, characters }))
      .sort((a, b) => b.characters - a.characters || String(a.affiliation).localeCompare(String(b.affiliation))),
    notRecorded,
  };
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
    draftText: await draftTextByAffiliation(ctx, policy.id),
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
