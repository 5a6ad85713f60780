import { Type, type Static } from "typebox";
import { errorAnswers, policyChange, policyRead, signedIn } from "./errors.js";
import { AffiliationSchema, PolicyIdParams, SignOffRuleSchema } from "./policies.js";
import { Closed, IsoDateSchema, MultiLineTextSchema, NullableString, TimestampSchema, type Endpoint } from "./schema-kit.js";

// The sign-off workflow as the API shows it: `@accord/workflow`'s ProposalState with who is who, where
// the sign-off rule stands and what the signed-in person may do. The server's presenter is typed
// against both, so a field added to the workflow's record must be added here before it can be sent.

/** Where a proposal stands; `changes_requested` and `superseded` are side exits that keep their record. */
export const ProposalStageSchema = Type.Enum(["review", "awaiting_approval", "approved", "published", "changes_requested", "superseded"]);
export type ProposalStage = Static<typeof ProposalStageSchema>;

/** A member's stance on one numbered section. */
export const SectionPositionValueSchema = Type.Enum(["approve", "object", "reserve"]);
export type SectionPositionValue = Static<typeof SectionPositionValueSchema>;

/** How a body voted, when its representative records the count. */
export const VoteTallySchema = Closed({ for: Type.Integer(), against: Type.Integer(), abstain: Type.Integer() });
export type VoteTally = Static<typeof VoteTallySchema>;

/** An objection, and how (by whom, when, why) it was closed. */
export const ObjectionSchema = Closed({
  id: Type.String(),
  authorId: Type.String(),
  reason: Type.String(),
  raisedAt: TimestampSchema,
  status: Type.Enum(["open", "withdrawn", "overruled"]),
  closedBy: Type.Optional(Type.String()),
  closedAt: Type.Optional(TimestampSchema),
  closingReason: Type.Optional(Type.String()),
  withdrewSignOffGivenAt: Type.Optional(TimestampSchema),
});
export type Objection = Static<typeof ObjectionSchema>;

/** One member's latest stance on one section ("4.2"). */
export const SectionPositionSchema = Closed({
  userId: Type.String(),
  section: Type.String(),
  position: SectionPositionValueSchema,
  reason: Type.String(),
  at: TimestampSchema,
});
export type SectionPosition = Static<typeof SectionPositionSchema>;

/** One change of a member's stance on a section, oldest first: stated, changed, or withdrawn. */
export const SectionPositionChangeSchema = Closed({
  userId: Type.String(),
  section: Type.String(),
  position: Type.Enum(["approve", "object", "reserve", "withdrawn"]),
  reason: Type.String(),
  at: TimestampSchema,
});
export type SectionPositionChange = Static<typeof SectionPositionChangeSchema>;

/** A body's decision on the proposed content hash. */
export const BodyDecisionSchema = Closed({
  bodyId: Type.String(),
  decision: Type.Enum(["approve", "reject"]),
  reason: Type.String(),
  meetingDate: Type.String({ description: "YYYY-MM-DD" }),
  meetingReference: Type.String(),
  voteTally: Type.Optional(VoteTallySchema),
  recordedBy: Type.String(),
  recordedAt: TimestampSchema,
});
export type BodyDecision = Static<typeof BodyDecisionSchema>;

/** Where the proposal stands against its sign-off rule. */
export const SignOffEvaluationSchema = Closed({
  rule: SignOffRuleSchema,
  met: Type.Boolean(),
  unit: Type.Enum(["affiliations", "editors"]),
  signed: Type.Integer(),
  needed: Type.Integer(),
  missingAffiliations: Type.Optional(Type.Array(AffiliationSchema)),
  pendingUserIds: Type.Array(Type.String()),
  openObjections: Type.Array(ObjectionSchema),
  explanation: Type.String({ description: "one or two sentences for people" }),
});
export type SignOffEvaluation = Static<typeof SignOffEvaluationSchema>;

// What an available action applies to, one closed object per kind; `advancesTo` and `consequence` are
// there when doing it would move the proposal to another stage (the app asks for confirmation first).
const advance = { advancesTo: Type.Optional(ProposalStageSchema), consequence: Type.Optional(Type.String()) };
const actionOn = <Kind extends string>(kind: Kind) => Closed({ kind: Type.Literal(kind), ...advance });

/** One thing the signed-in person may do on a proposal now; the server works it out from the rules. */
export const AvailableActionSchema = Type.Union([
  actionOn("sign_off"),
  actionOn("withdraw_sign_off"),
  actionOn("object"),
  Closed({ kind: Type.Literal("withdraw_objection"), objectionId: Type.String(), ...advance }),
  Closed({ kind: Type.Literal("overrule_objection"), objectionId: Type.String(), ...advance }),
  actionOn("set_section_position"),
  Closed({ kind: Type.Literal("withdraw_section_position"), section: Type.String(), ...advance }),
  Closed({ kind: Type.Literal("record_decision"), bodyId: Type.String(), ...advance }),
  actionOn("publish"),
]);
export type AvailableAction = Static<typeof AvailableActionSchema>;
/** What an available action applies to. */
export type ActionTarget = AvailableAction extends infer Action
  ? Action extends AvailableAction
    ? Omit<Action, "advancesTo" | "consequence">
    : never
  : never;

/** One proposal as the API shows it to the signed-in person. */
export const ProposalSchema = Closed({
  id: Type.String(),
  policyId: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  note: Type.String(),
  deadline: NullableString,
  proposedBy: Type.String(),
  proposedAt: TimestampSchema,
  stage: ProposalStageSchema,
  signOffRule: SignOffRuleSchema,
  electorate: Type.Array(Closed({ userId: Type.String(), affiliation: AffiliationSchema })),
  requiredBodies: Type.Array(Closed({ bodyId: Type.String(), name: Type.String() })),
  signOffs: Type.Array(Closed({ userId: Type.String(), affiliation: AffiliationSchema, at: TimestampSchema })),
  objections: Type.Array(ObjectionSchema),
  sectionPositions: Type.Array(SectionPositionSchema),
  sectionPositionHistory: Type.Array(SectionPositionChangeSchema, {
    description: "every stance stated, changed or withdrawn, oldest first",
  }),
  decisions: Type.Array(BodyDecisionSchema),
  publication: Type.Optional(Closed({ effectiveDate: Type.String(), publishedBy: Type.String(), publishedAt: TimestampSchema })),
  closedReason: Type.Optional(Type.String()),
  closedAt: Type.Optional(TimestampSchema),
  names: Type.Record(Type.String(), Type.String(), { description: "display names of everyone the record mentions, by user id" }),
  evaluation: SignOffEvaluationSchema,
  myActions: Type.Array(AvailableActionSchema),
});
export type ProposalView = Static<typeof ProposalSchema>;

/** A published version of a policy, and where it stands today by the server's clock. */
export const PublicationSummarySchema = Closed({
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  proposalId: Type.String(),
  effectiveDate: Type.String({ description: "YYYY-MM-DD" }),
  publishedAt: TimestampSchema,
  standing: Type.Enum(["in_force", "adopted", "superseded"]),
});
export type PublicationSummary = Static<typeof PublicationSummarySchema>;

/** A policy's proposals and publications, each newest first. */
export const PolicyProposalsSchema = Closed({ proposals: Type.Array(ProposalSchema), publications: Type.Array(PublicationSummarySchema) });
export type PolicyProposals = Static<typeof PolicyProposalsSchema>;

/** A proposal on which the signed-in person has something to do. */
export const WaitingItemSchema = Closed({ policyId: Type.String(), policyTitle: Type.String(), proposal: ProposalSchema });
export type WaitingItem = Static<typeof WaitingItemSchema>;

/** What an accepted action did besides itself, in words from the server. */
export const ActionEffectSchema = Type.Union([
  Closed({ kind: Type.Literal("sign_off_withdrawn"), message: Type.String() }),
  Closed({ kind: Type.Literal("stage_changed"), from: ProposalStageSchema, to: ProposalStageSchema, message: Type.String() }),
]);
export type ActionEffect = Static<typeof ActionEffectSchema>;

const Reason = MultiLineTextSchema({ minLength: 1, maxLength: 4000, pattern: "\\S" });

/** One of the actions on a proposal, the body of POST /api/proposals/:id/actions; `kind` says which. */
export const ProposalActionSchema = Type.Union([
  Type.Object({ kind: Type.Literal("sign_off") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("withdraw_sign_off") }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("object"), reason: Reason }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("withdraw_objection"), objectionId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("overrule_objection"), objectionId: Type.String({ maxLength: 64 }), reason: Reason },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("set_section_position"),
      section: Type.String({ maxLength: 20 }),
      position: SectionPositionValueSchema,
      reason: MultiLineTextSchema({ maxLength: 4000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("withdraw_section_position"), section: Type.String({ maxLength: 20 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("record_decision"),
      bodyId: Type.String({ format: "uuid" }),
      decision: Type.Enum(["approve", "reject"]),
      reason: Reason,
      meetingDate: IsoDateSchema,
      meetingReference: Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" }),
      voteTally: Type.Optional(
        Type.Object(
          { for: Type.Integer({ minimum: 0 }), against: Type.Integer({ minimum: 0 }), abstain: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal("publish"), effectiveDate: IsoDateSchema }, { additionalProperties: false }),
]);
export type ProposalActionInput = Static<typeof ProposalActionSchema>;

/** What the facilitator sends to propose a saved version. */
export const ProposeSchema = Type.Object(
  {
    versionNumber: Type.Integer({ minimum: 1 }),
    contentHash: Type.String({ pattern: "^[0-9a-f]{64}$" }),
    note: Type.Optional(MultiLineTextSchema({ maxLength: 4000 })),
    deadline: Type.Optional(Type.Union([IsoDateSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type ProposeInput = Static<typeof ProposeSchema>;

const ProposalIdParams = Type.Object({ proposalId: Type.String({ maxLength: 64 }) });
const ProposalAnswer = Closed({ proposal: ProposalSchema });

/** The sign-off workflow: proposals, actions on them, and "waiting for me". */
export const proposalEndpoints = {
  /** GET /api/policies/:policyId/proposals */
  listForPolicy: { params: PolicyIdParams, response: { 200: PolicyProposalsSchema, ...errorAnswers(...policyRead) } },
  /**
   * POST /api/policies/:policyId/proposals: supersedes any open proposal. 409 empty_electorate,
   * no_required_bodies, suggestions_pending; 404 when the version does not exist.
   */
  propose: { params: PolicyIdParams, body: ProposeSchema, response: { 201: ProposalAnswer, ...errorAnswers(...policyChange, 409) } },
  /** GET /api/proposals/:proposalId */
  get: { params: ProposalIdParams, response: { 200: ProposalAnswer, ...errorAnswers(...policyRead) } },
  /**
   * POST /api/proposals/:proposalId/actions: 409 wrong_stage, already_decided, objection_not_open,
   * own_objection_open, suggestions_pending; 404 objection_not_found; 403 not_required_body.
   */
  act: {
    params: ProposalIdParams,
    body: ProposalActionSchema,
    response: {
      200: Closed({
        proposal: ProposalSchema,
        effects: Type.Array(ActionEffectSchema, { description: "what the action did besides itself" }),
      }),
      ...errorAnswers(...policyChange, 409),
    },
  },
  /** GET /api/waiting: the open proposals on which I have something to do. */
  waiting: { response: { 200: Closed({ items: Type.Array(WaitingItemSchema) }), ...errorAnswers(...signedIn) } },
} satisfies Record<string, Endpoint>;
