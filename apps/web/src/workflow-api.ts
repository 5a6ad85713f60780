import type { Affiliation, SignOffRule } from "@accord/domain";
import { ApiError, request } from "./api.js";

/**
 * The typed client for the sign-off workflow's part of the API: proposals, actions on them, "waiting
 * for me" and notifications. The shapes mirror `@accord/workflow`'s ProposalState and the server's
 * ProposalView; the web app does not depend on that package, so they are restated here as plain data.
 */

/** Where a proposal stands; `changes_requested` and `superseded` are side exits that keep their record. */
export type ProposalStage = "review" | "awaiting_approval" | "approved" | "published" | "changes_requested" | "superseded";

/** A member's stance on one numbered section. */
export type SectionPositionValue = "approve" | "object" | "reserve";

/** How a body voted, when its representative records the count. */
export interface VoteTally {
  for: number;
  against: number;
  abstain: number;
}

/** An objection, and how (by whom, when, why) it was closed. */
export interface Objection {
  id: string;
  authorId: string;
  reason: string;
  raisedAt: string;
  status: "open" | "withdrawn" | "overruled";
  closedBy?: string;
  closedAt?: string;
  closingReason?: string;
  /** When raising it withdrew the author's own sign-off: the time that sign-off had been given. */
  withdrewSignOffGivenAt?: string;
}

/** One member's latest stance on one section ("4.2"). */
export interface SectionPosition {
  userId: string;
  section: string;
  position: SectionPositionValue;
  reason: string;
  at: string;
}

/** One change of a member's stance on a section, oldest first: stated, changed, or withdrawn. */
export interface SectionPositionChange {
  userId: string;
  section: string;
  position: SectionPositionValue | "withdrawn";
  reason: string;
  at: string;
}

/** A body's decision on the proposed content hash. */
export interface BodyDecision {
  bodyId: string;
  decision: "approve" | "reject";
  reason: string;
  meetingDate: string;
  meetingReference: string;
  voteTally?: VoteTally;
  recordedBy: string;
  recordedAt: string;
}

/**
 * One thing the signed-in person may do on a proposal now; the server works it out from the rules.
 * `advancesTo` and `consequence` are there when doing it would move the proposal to another stage:
 * the app asks for confirmation first, showing the consequence.
 */
export type AvailableAction = ActionTarget & { advancesTo?: ProposalStage; consequence?: string };

/** What an available action applies to. */
export type ActionTarget =
  | { kind: "sign_off" }
  | { kind: "withdraw_sign_off" }
  | { kind: "object" }
  | { kind: "withdraw_objection"; objectionId: string }
  | { kind: "overrule_objection"; objectionId: string }
  | { kind: "set_section_position" }
  | { kind: "withdraw_section_position"; section: string }
  | { kind: "record_decision"; bodyId: string }
  | { kind: "publish" };

/** What an accepted action did besides itself, in words from the server. */
export interface ActionEffect {
  kind: "sign_off_withdrawn" | "stage_changed";
  message: string;
}

/** Where the proposal stands against its sign-off rule. */
export interface SignOffEvaluation {
  rule: SignOffRule;
  met: boolean;
  unit: "affiliations" | "editors";
  signed: number;
  needed: number;
  missingAffiliations?: Affiliation[];
  pendingUserIds: string[];
  openObjections: Objection[];
  /** One or two sentences for people, from the server. */
  explanation: string;
}

/** One proposal as the API shows it to the signed-in person. */
export interface ProposalView {
  id: string;
  policyId: string;
  versionNumber: number;
  contentHash: string;
  note: string;
  deadline: string | null;
  proposedBy: string;
  proposedAt: string;
  stage: ProposalStage;
  signOffRule: SignOffRule;
  electorate: { userId: string; affiliation: Affiliation }[];
  requiredBodies: { bodyId: string; name: string }[];
  signOffs: { userId: string; affiliation: Affiliation; at: string }[];
  objections: Objection[];
  sectionPositions: SectionPosition[];
  /** Every stance stated, changed or withdrawn, oldest first (older servers may not send it). */
  sectionPositionHistory?: SectionPositionChange[];
  decisions: BodyDecision[];
  publication?: { effectiveDate: string; publishedBy: string; publishedAt: string };
  closedReason?: string;
  closedAt?: string;
  /** Display names of everyone the record mentions, by user id. */
  names: Record<string, string>;
  evaluation: SignOffEvaluation;
  myActions: AvailableAction[];
}

/** A published version of a policy (lists are newest first). */
export interface PublicationSummary {
  versionNumber: number;
  contentHash: string;
  proposalId: string;
  effectiveDate: string;
  publishedAt: string;
  /** Where it stands today, by the server's clock: in force, adopted and yet to take effect, or superseded. */
  standing: "in_force" | "adopted" | "superseded";
}

/** A policy's proposals (newest first) and publications (newest first). */
export interface PolicyProposals {
  proposals: ProposalView[];
  publications: PublicationSummary[];
}

/** A proposal on which the signed-in person has something to do. */
export interface WaitingItem {
  policyId: string;
  policyTitle: string;
  proposal: ProposalView;
}

/** One of my notifications. */
export interface AccordNotification {
  id: string;
  kind: string;
  policyId: string | null;
  proposalId: string | null;
  title: string;
  body: string;
  /** A path in the app, such as /app/policies/<id>. */
  link: string;
  createdAt: string;
  read: boolean;
  /** What it asked for is no longer needed (its proposal was superseded); not counted as unread. Absent on older servers. */
  obsolete?: boolean;
}

/** What the person asks to do on a proposal: the body of POST /api/proposals/:id/actions. */
export type ProposalActionInput =
  | { kind: "sign_off" }
  | { kind: "withdraw_sign_off" }
  | { kind: "object"; reason: string }
  | { kind: "withdraw_objection"; objectionId: string }
  | { kind: "overrule_objection"; objectionId: string; reason: string }
  | { kind: "set_section_position"; section: string; position: SectionPositionValue; reason: string }
  | { kind: "withdraw_section_position"; section: string }
  | {
      kind: "record_decision";
      bodyId: string;
      decision: "approve" | "reject";
      reason: string;
      meetingDate: string;
      meetingReference: string;
      voteTally?: VoteTally;
    }
  | { kind: "publish"; effectiveDate: string };

/** What the facilitator sends to propose a version. */
export interface ProposeInput {
  versionNumber: number;
  contentHash: string;
  note?: string;
  deadline?: string | null;
}

const policyPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;
const proposalPath = (proposalId: string) => `/proposals/${encodeURIComponent(proposalId)}`;

/** True for a 404: the notifications routes may not exist on an older server. */
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The workflow API, one function per endpoint. */
export const workflowApi = {
  listProposals: (policyId: string, signal?: AbortSignal) =>
    request<PolicyProposals>("GET", `${policyPath(policyId)}/proposals`, undefined, signal),
  /** Proposes a saved version for sign-off; supersedes any open proposal. Facilitator only. */
  propose: (policyId: string, input: ProposeInput) =>
    request<{ proposal: ProposalView }>("POST", `${policyPath(policyId)}/proposals`, input).then((r) => r.proposal),
  getProposal: (proposalId: string, signal?: AbortSignal) =>
    request<{ proposal: ProposalView }>("GET", proposalPath(proposalId), undefined, signal).then((r) => r.proposal),
  /** One action on a proposal; a refusal keeps the server's message (wrong_stage, already_decided, …). */
  act: (proposalId: string, action: ProposalActionInput) =>
    request<{ proposal: ProposalView }>("POST", `${proposalPath(proposalId)}/actions`, action).then((r) => r.proposal),
  /** The same action, with what it did besides itself (an objection replacing my sign-off, a next stage). */
  actWithEffects: (proposalId: string, action: ProposalActionInput) =>
    request<{ proposal: ProposalView; effects?: ActionEffect[] }>("POST", `${proposalPath(proposalId)}/actions`, action).then((r) => ({
      proposal: r.proposal,
      effects: r.effects ?? [],
    })),
  waitingForMe: (signal?: AbortSignal) =>
    request<{ items: WaitingItem[] }>("GET", "/waiting", undefined, signal).then((r) => r.items),

  /** My notifications, or null when this server has no notifications yet (404), so the bell hides. */
  listNotifications: async (signal?: AbortSignal): Promise<{ notifications: AccordNotification[]; unread: number } | null> => {
    try {
      return await request<{ notifications: AccordNotification[]; unread: number }>("GET", "/notifications", undefined, signal);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  markNotificationRead: (notificationId: string) =>
    request<void>("POST", `/notifications/${encodeURIComponent(notificationId)}/read`),
  markAllNotificationsRead: () => request<void>("POST", "/notifications/read-all"),
};
