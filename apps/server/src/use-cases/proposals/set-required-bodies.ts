import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { listBodyViews, type ApprovingBodyView } from "../../storage/bodies.js";
import { listRequiredBodyIds, replaceRequiredBodies } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";
import { loadPolicyFor } from "../../access/policy-access.js";
import { assertKnownBodies } from "../policies/known-bodies.js";

/** The facilitator sets which approving bodies must approve the policy before it is published. */
export async function setRequiredBodies(
  ctx: UseCaseContext,
  actor: CurrentUser,
  policyId: string,
  bodyIds: readonly string[],
): Promise<ApprovingBodyView[]> {
  const { policy } = await loadPolicyFor(ctx.db, actor, policyId, "policy.set_bodies");
  const wanted = await assertKnownBodies(ctx.db, bodyIds, "/bodyIds");
  const previous = (await listRequiredBodyIds(ctx.db, policy.id)).sort();
  if (previous.join() !== wanted.join()) {
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await replaceRequiredBodies(trx, policy.id, wanted);
      await appendAuditEvent(trx, {
        occurredAt: now,
        actorId: actor.id,
        action: "policy.required_bodies_set",
        subjectType: "policy",
        subjectId: policy.id,
        payload: { bodyIds: wanted, previousBodyIds: previous },
      });
    });
    ctx.events.publish("access", { kind: "policy", policyId: policy.id });
  }
  return listBodyViews(ctx.db, wanted);
}
