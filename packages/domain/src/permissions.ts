import { AccordError } from "./errors.js";
import type { PolicyRole } from "./membership.js";

/**
 * The one permission table, in one part per subject (the site, a policy, a proposal, a comment), as
 * Outline declares one policy per model. Every use case behind the HTTP routes and the collaboration
 * server ask it, so a rule is stated once and enforced the same way everywhere; no code asks for a
 * site role or a working-group role itself.
 *
 * Grantees: the facilitator (site admin), a member's role on the policy, the representative of an
 * approving body that the policy requires, or (for a comment) its author.
 */
export type Grantee = "facilitator" | PolicyRole | "representative" | "author";

/** Actions on the site as a whole. */
export const siteGrants = {
  "account.manage": ["facilitator"],
  /**
   * See people's e-mail addresses where others see only their names: working-group members' and
   * approving bodies' representatives' (personal data that the one who manages them needs).
   */
  "account.read_email": ["facilitator"],
  "body.manage": ["facilitator"],
  "policy.create": ["facilitator"],
  /** List every policy, not only those one is a reader of (the policy list, "waiting for me"). */
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
  /** Open, schedule and extend a public comment period. */
  "comment_period.manage": ["facilitator"],
  /** Publish, hold or reject the public's comments. */
  "comment_period.moderate": ["facilitator"],
  /** Write the working group's response to the public's comments. */
  "comment_period.respond": ["facilitator", "editor"],
} as const satisfies Record<string, readonly Grantee[]>;
export type PolicyAction = keyof typeof policyGrants;

/**
 * Actions on a proposal of a policy beyond those of the policy table (whose `signoff.give`,
 * `decision.record` and `policy.publish` the app reads among a person's policy permissions). The
 * workflow also checks the proposal's own snapshots (who was an editor, which bodies were required).
 */
export const proposalGrants = {
  /** Overrule an open objection: the facilitator's, as running the process is. */
  "objection.overrule": ["facilitator"],
} as const satisfies Record<string, readonly Grantee[]>;
export type ProposalAction = keyof typeof proposalGrants;

/**
 * Actions on one comment, asked after the policy table's (`comment.create` for one's own comments,
 * `comment.hide` for the facilitator's moderation) and before the comment's state.
 */
export const commentGrants = {
  "comment.edit": ["author"],
  "comment.delete": ["author"],
} as const satisfies Record<string, readonly Grantee[]>;
export type CommentAction = keyof typeof commentGrants;

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

/** Who is asking about one comment: as on its policy, and whether they wrote it. */
export interface CommentActor extends PolicyActor {
  isAuthor: boolean;
}

function granteesOf(actor: PolicyActor): Grantee[] {
  const grantees: Grantee[] = [];
  if (actor.isFacilitator) grantees.push("facilitator");
  if (actor.role) grantees.push(actor.role);
  if (actor.representsRequiredBody) grantees.push("representative");
  return grantees;
}

function granted(grantees: readonly Grantee[], allowed: readonly Grantee[]): boolean {
  return grantees.some((grantee) => allowed.includes(grantee));
}

/** True when the actor may take this site-wide action. */
export function canOnSite(actor: SiteActor, action: SiteAction): boolean {
  const allowed: readonly Grantee[] = siteGrants[action];
  return actor.isFacilitator && allowed.includes("facilitator");
}

/** True when the actor may take this action on the policy. */
export function canOnPolicy(actor: PolicyActor, action: PolicyAction): boolean {
  return granted(granteesOf(actor), policyGrants[action]);
}

/** True when the actor (as on the proposal's policy) may take this action on a proposal. */
export function canOnProposal(actor: PolicyActor, action: ProposalAction): boolean {
  return granted(granteesOf(actor), proposalGrants[action]);
}

/** True when the actor may take this action on the comment. */
export function canOnComment(actor: CommentActor, action: CommentAction): boolean {
  const grantees = granteesOf(actor);
  if (actor.isAuthor) grantees.push("author");
  return granted(grantees, commentGrants[action]);
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

/**
 * The department's roster and officers' acknowledgements (issue 18) are the facilitator's: Accord has
 * no separate "department administrator" role, so the one who runs the policy's process also keeps
 * the roster, starts campaigns and reads the reports. Site actions, checked with `authorizeOnSite`.
 */
export const acknowledgementSiteGrants = {
  "roster.manage": ["facilitator"],
  "campaign.manage": ["facilitator"],
  "acknowledgement.report": ["facilitator"],
} as const satisfies Record<string, readonly Grantee[]>;
export type AcknowledgementSiteAction = keyof typeof acknowledgementSiteGrants;

/** Who is asking about one acknowledgement assignment: as on the site, and whether it is theirs. */
export interface AssignmentActor extends SiteActor {
  isAssignee: boolean;
}

/**
 * Actions on one assignment: the person assigned reads and acknowledges it (no one acknowledges for
 * someone else, the facilitator included); the facilitator reads it.
 */
export const assignmentGrants = {
  "assignment.read": ["facilitator", "assignee"],
  "assignment.acknowledge": ["assignee"],
} as const satisfies Record<string, readonly ("facilitator" | "assignee")[]>;
export type AssignmentAction = keyof typeof assignmentGrants;

/** Throws forbidden unless the actor may take this roster, campaign or report action. */
export function authorizeAcknowledgementAdmin(actor: SiteActor, action: AcknowledgementSiteAction): void {
  const allowed: readonly Grantee[] = acknowledgementSiteGrants[action];
  if (!(actor.isFacilitator && allowed.includes("facilitator"))) throw new AccordError("forbidden");
}

/**
 * Throws unless the actor may take this action on the assignment. Someone who may not even read it gets
 * not_found, as for one that does not exist.
 */
export function authorizeOnAssignment(actor: AssignmentActor, action: AssignmentAction): void {
  const grantees: ("facilitator" | "assignee")[] = [];
  if (actor.isFacilitator) grantees.push("facilitator");
  if (actor.isAssignee) grantees.push("assignee");
  const may = (candidate: AssignmentAction) =>
    grantees.some((grantee) => (assignmentGrants[candidate] as readonly string[]).includes(grantee));
  if (may(action)) return;
  if (!may("assignment.read")) throw new AccordError("not_found", "No such policy to acknowledge was found.");
  throw new AccordError("forbidden");
}
