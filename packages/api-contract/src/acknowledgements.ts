import { Type, type Static } from "typebox";
import { errorAnswers, signedIn, signedInChange } from "./errors.js";
import { ProseMirrorJsonSchema } from "./prosemirror.js";
import {
  Closed,
  EmailSchema,
  IsoDateSchema,
  Nullable,
  NullableString,
  TimestampSchema,
  UuidSchema,
  WrittenTextSchema,
  type Endpoint,
} from "./schema-kit.js";
import { RosterPersonSchema, UnitSchema } from "./roster.js";

const AssignmentStatusSchema = Type.Union([
  Type.Literal("open"),
  Type.Literal("acknowledged"),
  Type.Literal("replaced"),
  Type.Literal("covered"),
]);
const HashSchema = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** One policy a person is asked to acknowledge (or acknowledged). */
export const AssignmentSummarySchema = Closed({
  id: Type.String(),
  campaignId: Type.String(),
  userId: Type.String(),
  policyId: Type.String(),
  policyTitle: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  dueDate: Type.String(),
  status: AssignmentStatusSchema,
  overdue: Type.Boolean(),
  assignedAt: TimestampSchema,
  closedAt: Nullable(TimestampSchema),
});
export type AssignmentSummary = Static<typeof AssignmentSummarySchema>;

/** A quiz question as the officer sees it: never which choice is right. */
export const QuizQuestionViewSchema = Closed({ prompt: Type.String(), choices: Type.Array(Type.String()) });

/** One kept quiz attempt. */
export const QuizAttemptSchema = Closed({
  id: Type.String(),
  answers: Type.Array(Type.Integer()),
  correct: Type.Integer(),
  total: Type.Integer(),
  passed: Type.Boolean(),
  attemptedAt: TimestampSchema,
});
export type QuizAttempt = Static<typeof QuizAttemptSchema>;

/** A stored acknowledgement: who, which version and hash, when, and the statement confirmed. */
export const AcknowledgementSchema = Closed({
  id: Type.String(),
  assignmentId: Type.String(),
  userId: Type.String(),
  policyId: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  statement: Type.String(),
  acknowledgedAt: TimestampSchema,
});
export type Acknowledgement = Static<typeof AcknowledgementSchema>;

/** Everything the acknowledgement screen shows. */
export const AssignmentDetailSchema = Closed({
  assignment: AssignmentSummarySchema,
  content: ProseMirrorJsonSchema,
  /** The exact published text, rendered. */
  html: Type.String(),
  statement: Type.String({ description: "the fixed statement to confirm, naming the version and its content hash" }),
  previous: Nullable(
    Closed({
      versionNumber: Type.Integer(),
      acknowledgedAt: TimestampSchema,
      redlineHtml: Type.String(),
      changeCount: Type.Integer(),
    }),
  ),
  quiz: Nullable(Closed({ questions: Type.Array(QuizQuestionViewSchema), passMarkPercent: Type.Integer() })),
  attempts: Type.Array(QuizAttemptSchema),
  acknowledgement: Nullable(AcknowledgementSchema),
  editorial: Nullable(Closed({ reason: Type.String(), markedAt: TimestampSchema })),
});
export type AssignmentDetail = Static<typeof AssignmentDetailSchema>;

/** Answers to a quiz: one choice's index per question, in order. */
export const QuizAnswersSchema = Type.Object(
  { answers: Type.Array(Type.Integer({ minimum: 0, maximum: 50 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

/** What the officer confirms: the statement as shown, its content hash, and their password again. */
export const AcknowledgeSchema = Type.Object(
  {
    statement: Type.String({ minLength: 1, maxLength: 1000 }),
    contentHash: HashSchema,
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type AcknowledgeRequest = Static<typeof AcknowledgeSchema>;

const QuizQuestionSchema = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 500, pattern: "\\S" }),
    choices: Type.Array(Type.String({ minLength: 1, maxLength: 300, pattern: "\\S" }), { minItems: 2, maxItems: 10 }),
    correctChoice: Type.Integer({ minimum: 0, maximum: 9 }),
  },
  { additionalProperties: false },
);

/** Who a campaign asks. */
export const AudienceSchema = Type.Union([
  Type.Object({ kind: Type.Literal("everyone") }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("units"), units: Type.Array(UnitSchema, { minItems: 1, maxItems: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("list"), emails: Type.Array(EmailSchema, { minItems: 1, maxItems: 5000 }) },
    { additionalProperties: false },
  ),
]);

/** A new campaign: a published version (number and hash), an audience, a due date, maybe a quiz. */
export const NewCampaignSchema = Type.Object(
  {
    policyId: UuidSchema,
    versionNumber: Type.Integer({ minimum: 1 }),
    contentHash: HashSchema,
    dueDate: IsoDateSchema,
    audience: AudienceSchema,
    quiz: Type.Optional(
      Nullable(
        Type.Object(
          {
            questions: Type.Array(QuizQuestionSchema, { minItems: 1, maxItems: 20 }),
            passMarkPercent: Type.Integer({ minimum: 1, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof NewCampaignSchema>;

/** One unit's completion. */
export const UnitCompletionSchema = Closed({
  unit: Type.String(),
  assigned: Type.Integer(),
  acknowledged: Type.Integer(),
  overdue: Type.Integer(),
});

/** A version marked "editorial, no new acknowledgement": why, and when. */
export const EditorialMarkSchema = Closed({ versionNumber: Type.Integer(), reason: Type.String(), markedAt: TimestampSchema });
export type EditorialMark = Static<typeof EditorialMarkSchema>;

/** A campaign with its counts. */
export const CampaignSchema = Closed({
  id: Type.String(),
  policyId: Type.String(),
  policyTitle: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  dueDate: Type.String(),
  audience: Type.String({ description: "who it asks, in words" }),
  hasQuiz: Type.Boolean(),
  status: Type.Union([Type.Literal("open"), Type.Literal("replaced")]),
  replacedBy: NullableString,
  createdAt: TimestampSchema,
  assigned: Type.Integer(),
  acknowledged: Type.Integer(),
  overdue: Type.Integer(),
  editorial: Nullable(EditorialMarkSchema, { description: "set when the campaign's version is marked editorial" }),
});
export type Campaign = Static<typeof CampaignSchema>;

/** One person's line in a campaign's report. */
export const ReportLineSchema = Closed({
  userId: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  unit: Type.String(),
  supervisorName: NullableString,
  status: AssignmentStatusSchema,
  overdue: Type.Boolean(),
  dueDate: Type.String(),
  acknowledgedAt: Nullable(TimestampSchema),
});

/** A campaign's report. */
export const CampaignReportSchema = Closed({
  campaign: CampaignSchema,
  units: Type.Array(UnitCompletionSchema),
  people: Type.Array(ReportLineSchema),
});
export type CampaignReport = Static<typeof CampaignReportSchema>;

/** A person's history. */
export const PersonHistorySchema = Closed({
  person: RosterPersonSchema,
  assignments: Type.Array(AssignmentSummarySchema),
  /** Every quiz attempt, oldest first, with the assignment (and so the version) it was for. */
  attempts: Type.Array(
    Closed({
      ...QuizAttemptSchema.properties,
      assignmentId: Type.String(),
      policyTitle: Type.String(),
      versionNumber: Type.Integer(),
      contentHash: Type.String(),
    }),
  ),
  acknowledgements: Type.Array(Closed({ ...AcknowledgementSchema.properties, policyTitle: Type.String() })),
});
export type PersonHistory = Static<typeof PersonHistorySchema>;

/** Counts per version, and whether the public page shows them. */
export const AcknowledgementCountsSchema = Closed({
  public: Type.Boolean(),
  versions: Type.Array(Closed({ versionNumber: Type.Integer(), assigned: Type.Integer(), acknowledged: Type.Integer() })),
  /** The policy's versions marked "editorial, no new acknowledgement", oldest first. */
  editorial: Type.Array(EditorialMarkSchema),
});
export type AcknowledgementCounts = Static<typeof AcknowledgementCountsSchema>;

const AssignmentParams = Type.Object({ assignmentId: UuidSchema });
const CampaignParams = Type.Object({ campaignId: UuidSchema });
const PersonParams = Type.Object({ userId: UuidSchema });
const PolicyParams = Type.Object({ policyId: UuidSchema });
const CsvAnswer = Type.String({ description: "CSV (RFC 4180), text/csv, as an attachment" });
// Reports and campaigns are the facilitator's: 403 for others; 404 for what does not exist.
const adminRead = [...signedIn, 403, 404] as const;
const adminChange = [...signedInChange, 404] as const;

/** Officers' acknowledgements: their own list and screen, campaigns, reports, the public counts. */
export const acknowledgementEndpoints = {
  /** GET /api/acknowledgements: my policies to acknowledge, and those I acknowledged. */
  mine: { response: { 200: Closed({ assignments: Type.Array(AssignmentSummarySchema) }), ...errorAnswers(...signedIn) } },
  /** GET /api/acknowledgements/:assignmentId */
  get: { params: AssignmentParams, response: { 200: AssignmentDetailSchema, ...errorAnswers(...signedIn, 403, 404) } },
  /** POST /api/acknowledgements/:assignmentId/quiz-attempts: every attempt is kept; 409 assignment_closed. */
  attemptQuiz: {
    params: AssignmentParams,
    body: QuizAnswersSchema,
    response: { 201: Closed({ attempt: QuizAttemptSchema }), ...errorAnswers(...signedInChange, 404, 409) },
  },
  /**
   * POST /api/acknowledgements/:assignmentId/acknowledge: one policy per request. 403 wrong_password;
   * 409 statement_mismatch, quiz_not_passed, assignment_closed.
   */
  acknowledge: {
    params: AssignmentParams,
    body: AcknowledgeSchema,
    response: { 201: Closed({ acknowledgement: AcknowledgementSchema }), ...errorAnswers(...signedInChange, 404, 409) },
  },
  /** GET /api/acknowledgement-campaigns */
  campaigns: { response: { 200: Closed({ campaigns: Type.Array(CampaignSchema) }), ...errorAnswers(...signedIn, 403) } },
  /** POST /api/acknowledgement-campaigns: 409 version_not_published or statement_mismatch (the hash). */
  createCampaign: {
    body: NewCampaignSchema,
    response: { 201: Closed({ campaign: CampaignSchema }), ...errorAnswers(...adminChange, 409) },
  },
  /** GET /api/acknowledgement-campaigns/:campaignId/report */
  report: { params: CampaignParams, response: { 200: Closed({ report: CampaignReportSchema }), ...errorAnswers(...adminRead) } },
  /** GET /api/acknowledgement-campaigns/:campaignId/report.csv */
  reportCsv: { params: CampaignParams, response: { 200: CsvAnswer, ...errorAnswers(...adminRead) } },
  /** GET /api/acknowledgement-people/:userId/history */
  history: { params: PersonParams, response: { 200: Closed({ history: PersonHistorySchema }), ...errorAnswers(...adminRead) } },
  /** GET /api/acknowledgement-people/:userId/history.csv */
  historyCsv: { params: PersonParams, response: { 200: CsvAnswer, ...errorAnswers(...adminRead) } },
  /** GET /api/acknowledgement-people/:userId/acknowledged-on?policyId=&date=: which version stood that day. */
  acknowledgedOn: {
    params: PersonParams,
    querystring: Type.Object({ policyId: UuidSchema, date: IsoDateSchema }, { additionalProperties: false }),
    response: {
      200: Closed({
        displayName: Type.String(),
        policyTitle: Type.String(),
        date: Type.String(),
        acknowledgement: Nullable(AcknowledgementSchema),
      }),
      ...errorAnswers(...adminRead),
    },
  },
  /** POST /api/policies/:policyId/acknowledgement-editorial: marks a version "editorial, no new acknowledgement". */
  markEditorial: {
    params: PolicyParams,
    body: Type.Object({ versionNumber: Type.Integer({ minimum: 1 }), reason: WrittenTextSchema(2000) }, { additionalProperties: false }),
    response: {
      201: Closed({ versionNumber: Type.Integer(), reason: Type.String(), markedAt: TimestampSchema, covered: Type.Integer() }),
      ...errorAnswers(...adminChange),
    },
  },
  /** GET /api/policies/:policyId/acknowledgement-counts */
  counts: { params: PolicyParams, response: { 200: AcknowledgementCountsSchema, ...errorAnswers(...adminRead) } },
  /** PUT /api/policies/:policyId/acknowledgement-counts: turns the public counts on or off. */
  setPublicCounts: {
    params: PolicyParams,
    body: Type.Object({ public: Type.Boolean() }, { additionalProperties: false }),
    response: { 200: AcknowledgementCountsSchema, ...errorAnswers(...adminChange) },
  },
  /** GET /api/acknowledgements-verification: the audit chain, and each acknowledgement against it. */
  verify: {
    response: {
      200: Closed({ chainOk: Type.Boolean(), acknowledgementsOk: Type.Boolean(), checked: Type.Integer(), problem: NullableString }),
      ...errorAnswers(...signedIn, 403),
    },
  },
} satisfies Record<string, Endpoint>;
