import { AccordError, assertValidSlug, authorizeOnSite, slugFromTitle } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import { encodeDraftState, emptyPolicyDocument } from "../../drafts/yjs-draft.js";
import { insertDraftDocument } from "../../storage/drafts.js";
import { findPolicyBySlug, insertPolicy, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";

export interface CreatePolicyInput {
  title: string;
  /** Derived from the title when omitted. */
  slug?: string;
  summary?: string;
}

/** The facilitator starts a new policy, in drafting, with an empty working group. */
export async function createPolicy(ctx: UseCaseContext, actor: CurrentUser, input: CreatePolicyInput): Promise<PolicyRow> {
  authorizeOnSite(actor, "policy.create");
  const title = input.title.trim();
  const slug = input.slug?.trim() || slugFromTitle(title);
  assertValidSlug(slug);
  if (await findPolicyBySlug(ctx.db, slug)) throw new AccordError("slug_taken");
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const policy = await insertPolicy(trx, {
        id: crypto.randomUUID(),
        slug,
        title,
        summary: input.summary?.trim() ?? "",
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      await insertDraftDocument(trx, policy.id, encodeDraftState(emptyPolicyDocument), now);
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "policy.created",
        subjectType: "policy",
        subjectId: policy.id,
        payload: { slug, title },
      });
      return policy;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccordError("slug_taken");
    throw error;
  }
}
