import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import type { Database } from "../../storage/database.js";
import type { PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { readersAmong } from "../policies/policy-readers.js";
import { shortQuote } from "../comments/thread-quote.js";

/** One decided suggestion, as its author is told of it. */
export interface DecidedSuggestionNotice {
  author: string;
  kind: "insertion" | "deletion";
  text: string;
}

/**
 * Tells each author whose suggestions were decided, once per decision and in the caller's transaction
 * (the one that commits the decided draft), what became of them. The decider is not told of their own
 * suggestions; an author who may no longer read the policy is not told at all.
 */
export async function notifySuggestionDecisions(
  ctx: Pick<UseCaseContext, "notifier">,
  trx: Kysely<Database>,
  input: {
    policy: PolicyRow;
    decider: CurrentUser;
    decision: "accepted" | "rejected";
    decided: readonly DecidedSuggestionNotice[];
    now: Date;
  },
): Promise<void> {
  const byAuthor = new Map<string, DecidedSuggestionNotice[]>();
  for (const suggestion of input.decided) byAuthor.set(suggestion.author, [...(byAuthor.get(suggestion.author) ?? []), suggestion]);
  const authors = new Set(await readersAmong(trx, input.policy.id, [...byAuthor.keys()]));
  for (const [author, suggestions] of byAuthor) {
    if (!authors.has(author)) continue;
    const what = suggestions.length === 1 ? "your suggestion" : `${suggestions.length} of your suggestions`;
    const lines = suggestions.map(
      (suggestion) => `${suggestion.kind === "insertion" ? "Add" : "Remove"} “${shortQuote(suggestion.text, 160)}”`,
    );
    await ctx.notifier.notify(
      trx,
      {
        recipientIds: [author],
        actorId: input.decider.id,
        kind: input.decision === "accepted" ? "suggestion_accepted" : "suggestion_rejected",
        policyId: input.policy.id,
        proposalId: null,
        title: `${input.decider.displayName} ${input.decision} ${what} on ${input.policy.title}`,
        body: lines.join("\n"),
        link: `/app/policies/${input.policy.id}`,
      },
      input.now,
    );
  }
}
