import type { Affiliation } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findThreadsOfPolicy } from "../../storage/comments.js";
import { buildThreadViews, threadTextsNow, type ThreadView } from "./comment-views.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

/** Which threads to list: by status, only mine (started, replied in or mentioned in), by affiliation. */
export interface ThreadListFilter {
  status: "open" | "resolved" | "all";
  mine: boolean;
  /** Only threads started by a member of this affiliation. */
  affiliation?: Affiliation;
}

/**
 * The comment threads of a policy, oldest first, each with its comments and its words as the committed
 * draft holds them now, or on deleted text (the draft is decoded once for the whole list).
 */
export async function listThreads(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  filter: ThreadListFilter,
): Promise<ThreadView[]> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "draft.read");
  const threads = await findThreadsOfPolicy(ctx.db, policy.id, {
    status: filter.status,
    ...(filter.mine ? { involving: actor.id } : {}),
    ...(filter.affiliation ? { startedByAffiliation: filter.affiliation } : {}),
  });
  const state = threads.length > 0 ? await ctx.liveDrafts.committedState(policy.id) : undefined;
  return buildThreadViews(ctx.db, policy.id, threads, threadTextsNow(state, threads));
}
