import {
  AccordError,
  assertValidSlug,
  authorizeOnPolicy,
  authorizeOnSite,
  slugFromTitle,
  type Affiliation,
  type PolicyAction,
  type PolicyRole,
  type SignOffRule,
} from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountsByIds } from "../../storage/accounts.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { isUniqueViolation } from "../../storage/database-errors.js";
import { encodeDraftState } from "../../drafts/yjs-draft.js";
import { insertDraftDocument } from "../../storage/drafts.js";
import { findPolicyBySlug, insertMember, insertPolicy, replaceRequiredBodies, type PolicyRow } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { assertKnownBodies } from "./known-bodies.js";
import { startingDraft, type DraftStart } from "./starting-draft.js";

/** One person of a new policy's working group. */
export interface NewMember {
  userId: string;
  role: PolicyRole;
  affiliation: Affiliation;
}

export interface CreatePolicyInput {
  title: string;
  /** Derived from the title when omitted. */
  slug?: string;
  summary?: string;
  /** The policy's sign-off rule; the default rule when omitted. */
  signOffRule?: SignOffRule;
  /** The working group; empty when omitted. */
  members?: readonly NewMember[];
  /** The approving bodies that must approve it; none when omitted. */
  requiredBodyIds?: readonly string[];
  /** How the draft starts; empty when omitted. */
  start?: DraftStart;
}

/**
 * What creating a policy with each part amounts to on the new policy, in the permission table's terms:
 * the creator must be allowed each, as they would be on the policy once it exists (the facilitator is).
 */
function actionsNeeded(input: CreatePolicyInput): PolicyAction[] {
  const actions: PolicyAction[] = [];
  if (input.members?.length) actions.push("member.manage");
  if (input.requiredBodyIds?.length) actions.push("policy.set_bodies");
  if (input.signOffRule !== undefined) actions.push("policy.update");
  return actions;
}

function assertDistinctMembers(members: readonly NewMember[]): void {
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.userId)) {
      throw new AccordError("validation_failed", "The same person is in the working group twice.", {
        fields: [{ path: `/members/${index}/userId`, message: "already in the working group" }],
      });
    }
    seen.add(member.userId);
  });
}

/**
 * The facilitator starts a new policy, in drafting: with its working group, required bodies, sign-off
 * rule and first draft (empty, a template, or an imported file) when given. All of it is written in one
 * transaction, so a refusal of any part (an unknown person or body, a slug taken meanwhile) leaves no
 * trace of the policy. An imported file is converted before the transaction, so converting holds no lock.
 */
export async function createPolicy(ctx: UseCaseContext, actor: CurrentUser, input: CreatePolicyInput): Promise<PolicyRow> {
  authorizeOnSite(actor, "policy.create");
  for (const action of actionsNeeded(input))
    authorizeOnPolicy({ isFacilitator: actor.isFacilitator, role: null, representsRequiredBody: false }, action);
  const title = input.title.trim();
  const slug = input.slug?.trim() || slugFromTitle(title);
  assertValidSlug(slug);
  const members = input.members ?? [];
  assertDistinctMembers(members);
  if (await findPolicyBySlug(ctx.db, slug)) throw new AccordError("slug_taken");
  const draft = await startingDraft(input.start);
  const draftState = encodeDraftState(draft.document);
  const now = ctx.now();
  let policy: PolicyRow;
  try {
    policy = await ctx.db.transaction().execute(async (trx) => {
      const created = await insertPolicy(trx, {
        id: crypto.randomUUID(),
        slug,
        title,
        summary: input.summary?.trim() ?? "",
        ...(input.signOffRule ? { sign_off_rule: input.signOffRule } : {}),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      await insertDraftDocument(trx, created.id, draftState, now);
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "policy.created",
        subjectType: "policy",
        subjectId: created.id,
        payload: { slug, title, signOffRule: created.sign_off_rule, draftStart: draft.origin },
      });
      // The people and bodies are checked inside the transaction, after the policy's rows are written:
      // one consistent read with the writes, and a refusal here rolls back everything above.
      const accounts = await findAccountsByIds(
        trx,
        members.map((member) => member.userId),
      );
      for (const [index, member] of members.entries()) {
        if (!accounts.some((account) => account.id === member.userId)) {
          throw new AccordError("validation_failed", "No account was found for one of the people in the working group.", {
            fields: [{ path: `/members/${index}/userId`, message: "unknown account" }],
          });
        }
        await insertMember(trx, {
          policy_id: created.id,
          user_id: member.userId,
          role: member.role,
          affiliation: member.affiliation,
          added_at: now,
        });
        await appendAuditEvent(trx, {
          occurredAt: now,
          actorId: actor.id,
          action: "member.added",
          subjectType: "policy",
          subjectId: created.id,
          payload: { userId: member.userId, role: member.role, affiliation: member.affiliation },
        });
      }
      if (input.requiredBodyIds?.length) {
        const bodyIds = await assertKnownBodies(trx, input.requiredBodyIds, "/requiredBodyIds");
        await replaceRequiredBodies(trx, created.id, bodyIds);
        await appendAuditEvent(trx, {
          occurredAt: now,
          actorId: actor.id,
          action: "policy.required_bodies_set",
          subjectType: "policy",
          subjectId: created.id,
          payload: { bodyIds, previousBodyIds: [] },
        });
      }
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccordError("slug_taken");
    throw error;
  }
  // As when members and bodies are set one by one: whatever caches who may do what on a policy hears of it.
  if (members.length > 0 || input.requiredBodyIds?.length) ctx.events.publish("access", { kind: "policy", policyId: policy.id });
  return policy;
}
