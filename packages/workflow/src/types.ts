import type { Affiliation, PolicyRole, SignOffRule } from "@accord/domain";

/**
 * Where a proposal stands. `review` → `awaiting_approval` → `approved` → `published` is the way forward;
 * `changes_requested` (a body rejected) and `superseded` (a newer proposal was made) are side exits.
 */
export const proposalStages = ["review", "awaiting_approval", "approved", "published", "changes_requested", "superseded"] as const;
export type ProposalStage = (typeof proposalStages)[number];

/** The stages a proposal never leaves: its record is kept, but it takes no more events. */
export const terminalStages: readonly ProposalStage[] = ["published", "changes_requested", "superseded"];

/** One person who may sign off, as the working group stood when the version was proposed. */
export interface ElectorateMember {
  readonly userId: string;
  readonly affiliation: Affiliation;
}

/** One approving body whose decision the proposal needs, as the policy stood when it was proposed. */
export interface RequiredBody {
  readonly bodyId: string;
  readonly name: string;
}

/** A working-group sign-off. The affiliation is the electorate snapshot's, so counting never shifts. */
export interface SignOff {
  readonly userId: string;
  readonly affiliation: Affiliation;
  readonly at: string;
}

/** What became of an objection: open ones block the sign-off rule. */
export type ObjectionStatus = "open" | "withdrawn" | "overruled";

/** An objection by a member of the electorate, with how (and by whom, when, why) it was closed. */
export interface Objection {
  /** "objection-1", "objection-2", …: numbered within the proposal, so no randomness is needed. */
  readonly id: string;
  readonly authorId: string;
  readonly reason: string;
  readonly raisedAt: string;
  readonly status: ObjectionStatus;
  readonly closedBy?: string;
  readonly closedAt?: string;
  /** Why the facilitator overruled it (withdrawals need no reason). */
  readonly closingReason?: string;
  /**
   * When the author had signed off before raising it, the time of that sign-off: a person's latest
   * stance replaces the earlier one, so raising the objection withdrew the sign-off, and the record says so.
   */
  readonly withdrewSignOffGivenAt?: string;
}

/** A member's stance on one numbered section of the proposed version. */
export type SectionPositionValue = "approve" | "object" | "reserve";

/** The latest stance of one member on one section ("4.2"); informational, it does not block the rule. */
export interface SectionPosition {
  readonly userId: string;
  readonly section: string;
  readonly position: SectionPositionValue;
  /** Required for object and reserve; may be empty for approve. */
  readonly reason: string;
  readonly at: string;
}

/**
 * One change of a member's stance on one section, in the order they were made: a stance stated (or
 * changed), or withdrawn. The current positions are the latest of these; the history keeps every one.
 */
export interface SectionPositionChange {
  readonly userId: string;
  readonly section: string;
  readonly position: SectionPositionValue | "withdrawn";
  /** The reason given with the stance ("" for a withdrawal or an approval without one). */
  readonly reason: string;
  readonly at: string;
}

/** How a body voted, when its representative records the count. */
export interface VoteTally {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** A body's decision on the proposed version (its content hash), recorded by its representative. */
export interface BodyDecision {
  readonly bodyId: string;
  readonly decision: "approve" | "reject";
  readonly reason: string;
  /** The meeting's date, YYYY-MM-DD. */
  readonly meetingDate: string;
  /** Minutes, agenda item or resolution number, so the public can check the record. */
  readonly meetingReference: string;
  readonly voteTally?: VoteTally;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** The publication of an approved proposal. */
export interface Publication {
  /** The date from which the policy applies, YYYY-MM-DD. */
  readonly effectiveDate: string;
  readonly publishedBy: string;
  readonly publishedAt: string;
}

/**
 * One version (number and SHA-256 content hash) put forward for sign-off and approval, with everything
 * that happened to it. Every value is immutable: `transition` returns a new one.
 */
export interface ProposalState {
  readonly id: string;
  readonly policyId: string;
  readonly versionNumber: number;
  /** Approval binds to this exact hash: editing the draft never changes what was proposed. */
  readonly contentHash: string;
  readonly note: string;
  /** The review deadline the facilitator set (ISO), or null. Shown to people; not enforced. */
  readonly deadline: string | null;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly stage: ProposalStage;
  readonly signOffRule: SignOffRule;
  /** Snapshot at proposal time, so members joining or leaving later do not move the goalposts. */
  readonly electorate: readonly ElectorateMember[];
  /** Snapshot at proposal time, for the same reason. */
  readonly requiredBodies: readonly RequiredBody[];
  readonly signOffs: readonly SignOff[];
  readonly objections: readonly Objection[];
  /** Each member's current stance per section (withdrawn ones are gone from here). */
  readonly sectionPositions: readonly SectionPosition[];
  /** Every stance stated, changed or withdrawn, oldest first: the record of how positions came to be. */
  readonly sectionPositionHistory: readonly SectionPositionChange[];
  readonly decisions: readonly BodyDecision[];
  readonly publication?: Publication;
  /** Why the proposal was closed without publication (a rejection's reason, or superseded). */
  readonly closedReason?: string;
  /** When it was closed without publication. */
  readonly closedAt?: string;
}

/**
 * Who is acting, as the workflow cares: the site role, the role in this policy's working group now
 * (membership at proposal time is the electorate snapshot), the affiliation, and the bodies represented.
 */
export interface WorkflowActor {
  readonly userId: string;
  readonly isFacilitator: boolean;
  readonly role: PolicyRole | null;
  readonly affiliation: Affiliation | null;
  readonly representedBodyIds: readonly string[];
}

/**
 * Gives a working-group sign-off. Idempotent: a second one changes nothing. Refused while the actor has
 * an open objection of their own (own_objection_open): they withdraw it first, so the record never shows
 * one person both objecting and signing off.
 */
export interface SignOffEvent {
  readonly kind: "sign_off";
  readonly at: string;
}

/** Takes back one's own sign-off. Idempotent: without one, nothing changes. */
export interface WithdrawSignOffEvent {
  readonly kind: "withdraw_sign_off";
  readonly at: string;
}

/** Raises an objection; an open objection blocks the sign-off rule. It withdraws the actor's own sign-off. */
export interface ObjectEvent {
  readonly kind: "object";
  readonly at: string;
  readonly reason: string;
}

/** The author takes back their own open objection. */
export interface WithdrawObjectionEvent {
  readonly kind: "withdraw_objection";
  readonly at: string;
  readonly objectionId: string;
}

/** The facilitator overrules an open objection, saying why. */
export interface OverruleObjectionEvent {
  readonly kind: "overrule_objection";
  readonly at: string;
  readonly objectionId: string;
  readonly reason: string;
}

/** Records a member's stance on one section; the latest per member and section wins. */
export interface SetSectionPositionEvent {
  readonly kind: "set_section_position";
  readonly at: string;
  readonly section: string;
  readonly position: SectionPositionValue;
  readonly reason: string;
}

/** Takes back the actor's stance on one section; without one, nothing changes. The history keeps it. */
export interface WithdrawSectionPositionEvent {
  readonly kind: "withdraw_section_position";
  readonly at: string;
  readonly section: string;
}

/** A representative records their body's decision on this proposal. */
export interface RecordDecisionEvent {
  readonly kind: "record_decision";
  readonly at: string;
  readonly bodyId: string;
  readonly decision: "approve" | "reject";
  readonly reason: string;
  readonly meetingDate: string;
  readonly meetingReference: string;
  readonly voteTally?: VoteTally;
}

/** The facilitator publishes an approved proposal. */
export interface PublishEvent {
  readonly kind: "publish";
  readonly at: string;
  readonly effectiveDate: string;
}

/**
 * Everything that can happen to an existing proposal. The acting user is `transition`'s third argument,
 * not part of the event, so the two can never disagree.
 */
export type WorkflowEvent =
  | SignOffEvent
  | WithdrawSignOffEvent
  | ObjectEvent
  | WithdrawObjectionEvent
  | OverruleObjectionEvent
  | SetSectionPositionEvent
  | WithdrawSectionPositionEvent
  | RecordDecisionEvent
  | PublishEvent;

/** The kind of a workflow event. */
export type WorkflowEventKind = WorkflowEvent["kind"];

/** Every event kind, in the order the workflow usually meets them. */
export const workflowEventKinds = [
  "sign_off",
  "withdraw_sign_off",
  "object",
  "withdraw_objection",
  "overrule_objection",
  "set_section_position",
  "withdraw_section_position",
  "record_decision",
  "publish",
] as const satisfies readonly WorkflowEventKind[];
