import { AccordError, assertValidSlug, type JsonValue, type SignOffRule } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import { findPolicyBySlug, updatePolicy as updatePolicyRow, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";

export interface UpdatePolicyInput {
  title?: string;
  slug?: string;
  summary?: string;
  signOffRule?: SignOffRule;
}

/** The facilitator edits a policy's title, slug, summary or sign-off rule. */
export async function updatePolicy(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  input: UpdatePolicyInput,
): Promise<PolicyRow> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "policy.update");
  const changes: { [key: string]: JsonValue } = {};
  if (input.title !== undefined && input.title.trim() !== policy.title) changes.title = input.title.trim();
  if (input.summary !== undefined && input.summary.trim() !== policy.summary) changes.summary = input.summary.trim();
  if (input.signOffRule !== undefined && input.signOffRule !== policy.sign_off_rule) changes.signOffRule = input.signOffRule;
  if (input.slug !== undefined && input.slug.trim() !== policy.slug) {
    const slug = input.slug.trim();
    assertValidSlug(slug);
    if (await findPolicyBySlug(ctx.db, slug)) throw new AccordError("slug_taken");
    changes.slug = slug;
  }
  if (Object.keys(changes).length === 0) return policy;

  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const updated = await updatePolicyRow(trx, policy.id, {
        title: input.title?.trim() ?? policy.title,
        slug: (changes.slug as string | undefined) ?? policy.slug,
        summary: input.summary?.trim() ?? policy.summary,
        sign_off_rule: input.signOffRule ?? policy.sign_off_rule,
        updated_at: now,
      });
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "policy.updated",
        subjectType: "policy",
        subjectId: policy.id,
        payload: changes,
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccordError("slug_taken");
    throw error;
  }
}
