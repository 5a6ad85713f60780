import { AccordError } from "./errors.js";
import type { PolicyRole } from "./membership.js";

/**
 * The one permission table. Every HTTP route and the collaboration server ask it, so a rule is stated
 * once and enforced the same way everywhere.
 *
 * Grantees: the facilitator (site admin), a member's role on the policy, or the representative of an
 * approving body that the policy requires.
 */
export type Grantee = "facilitator" | PolicyRole | "representative";

/** Actions on the site as a whole. */
export const siteGrants = {
  "account.manage": ["facilitator"],
  "body.manage": ["facilitator"],
  "policy.create": ["facilitator"],
  "policy.list_all": ["facilitator"],
} as const satisfies Record<string, readonly Grantee[]>;
export type SiteAction = keyof typeof siteGrants;

/** Actions on one policy. */
export const policyGrants = {
  "policy.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "policy.update": ["facilitator"],
  "policy.set_bodies": ["facilitator"],
  "member.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "member.manage": ["facilitator"],
  "draft.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "draft.edit": ["facilitator", "editor"],
  "draft.suggest": ["facilitator", "editor", "commenter"],
  "comment.create": ["facilitator", "editor", "commenter"],
  "comment.hide": ["facilitator"],
  "version.save": ["facilitator", "editor"],
  "proposal.create": ["facilitator"],
  "signoff.give": ["editor"],
  "decision.record": ["representative"],
  "policy.publish": ["facilitator"],
} as const satisfies Record<string, readonly Grantee[]>;
export type PolicyAction = keyof typeof policyGrants;

/** Who is asking, as far as permissions care. */
export interface SiteActor {
  isFacilitator: boolean;
}

/** Who is asking about one policy: their site role, their role in its working group, their bodies. */
export interface PolicyActor extends SiteActor {
  /** The actor's role in this policy's working group, or null when not a member. */
  role: PolicyRole | null;
  /** True when the actor represents an approving body this policy requires. */
  representsRequiredBody: boolean;
}

function granteesOf(actor: PolicyActor): Grantee[] {
  const grantees: Grantee[] = [];
  if (actor.isFacilitator) grantees.push("facilitator");
  if (actor.role) grantees.push(actor.role);
  if (actor.representsRequiredBody) grantees.push("representative");
  return grantees;
}

/** True when the actor may take this site-wide action. */
export function canOnSite(actor: SiteActor, action: SiteAction): boolean {
  const allowed: readonly Grantee[] = siteGrants[action];
  return actor.isFacilitator && allowed.includes("facilitator");
}

/** True when the actor may take this action on the policy. */
export function canOnPolicy(actor: PolicyActor, action: PolicyAction): boolean {
  const allowed: readonly Grantee[] = policyGrants[action];
  return granteesOf(actor).some((grantee) => allowed.includes(grantee));
}

/** Throws forbidden unless the actor may take this site-wide action. */
export function authorizeOnSite(actor: SiteActor, action: SiteAction): void {
  if (!canOnSite(actor, action)) throw new AccordError("forbidden");
}

/**
 * Throws unless the actor may take this action on the policy. Someone who may not even read the policy
 * gets not_found, exactly as for a policy that does not exist, so its existence does not leak.
 */
export function authorizeOnPolicy(actor: PolicyActor, action: PolicyAction): void {
  if (canOnPolicy(actor, action)) return;
  if (!canOnPolicy(actor, "policy.read")) throw new AccordError("not_found", "No policy was found here.");
  throw new AccordError("forbidden");
}
