import { Type, type Static } from "typebox";
import { commenterKinds, rejectionReasonCodes } from "@accord/domain";
import { errorAnswers, policyChange, policyRead } from "./errors.js";
import { PolicyIdParams } from "./policies.js";
import { Closed, Nullable, NullableString, TimestampSchema, WrittenTextSchema, type Endpoint } from "./schema-kit.js";

// Public comment periods (issue 17) as the working group's app sees them. The public's side is the
// public site's HTML form (public-site.ts); no answer here ever holds a commenter's e-mail or address.

/** Who may comment. */
export const CommenterKindSchema = Type.Enum([...commenterKinds]);
/** Where a period stands by the server's clock. */
export const CommentPeriodStateSchema = Type.Enum(["scheduled", "open", "closed"]);
/** Where a public comment stands. */
export const PublicCommentStatusSchema = Type.Enum(["unverified", "pending", "published", "held", "rejected", "withdrawn"]);
/** Why a comment was rejected, from the published moderation rules. */
export const RejectionReasonSchema = Type.Enum([...rejectionReasonCodes]);

/** One extension of a period. */
export const CommentPeriodExtensionSchema = Closed({
  previousClosesAt: TimestampSchema,
  closesAt: TimestampSchema,
  reason: Type.String(),
  extendedAt: TimestampSchema,
  extendedBy: Type.String(),
});

/** One numbered section of the commented version. */
export const CommentedSectionSchema = Closed({ number: Type.String(), anchor: Type.String(), heading: Type.String() });

/** A comment period. */
export const CommentPeriodSchema = Closed({
  id: Type.String(),
  policyId: Type.String(),
  versionNumber: Type.Integer(),
  contentHash: Type.String(),
  opensAt: TimestampSchema,
  closesAt: TimestampSchema,
  state: CommentPeriodStateSchema,
  allowed: Type.Array(CommenterKindSchema),
  allowOrganisation: Type.Boolean(),
  extensions: Type.Array(CommentPeriodExtensionSchema),
  createdAt: TimestampSchema,
});
export type CommentPeriodView = Static<typeof CommentPeriodSchema>;

/** A public comment as the working group sees it (never its e-mail or address). */
export const PublicCommentSchema = Closed({
  id: Type.String(),
  section: Type.String(),
  body: Type.String(),
  quote: Type.String(),
  name: Type.String({ description: "empty when anonymous" }),
  organisation: Type.String(),
  commenterKind: CommenterKindSchema,
  status: PublicCommentStatusSchema,
  receivedAt: TimestampSchema,
  rejectionReason: Nullable(RejectionReasonSchema),
  answeredInSection: NullableString,
  noResponseReason: NullableString,
  duplicates: Type.Integer({ description: "how many comments of the period (this one included) have this text" }),
});
export type PublicCommentView = Static<typeof PublicCommentSchema>;

/** The working group's response for one section. */
export const SectionResponseSchema = Closed({
  section: Type.String(),
  response: Type.String(),
  writtenBy: Type.String(),
  writtenAt: TimestampSchema,
});
export type SectionResponseView = Static<typeof SectionResponseSchema>;

/** A period with its sections, comments and responses. */
export const PeriodCommentsSchema = Closed({
  commentPeriod: CommentPeriodSchema,
  sections: Type.Array(CommentedSectionSchema),
  comments: Type.Array(PublicCommentSchema),
  responses: Type.Array(SectionResponseSchema),
  unanswered: Type.Integer({ description: "published comments not yet answered or marked no response needed" }),
  proposedVersionNumber: Nullable(
    Type.Integer({ description: "the version proposed for sign-off after the period (the public page's redline shows it), or null" }),
  ),
});
export type PeriodCommentsView = Static<typeof PeriodCommentsSchema>;

const PeriodParams = Type.Object({ periodId: Type.String({ maxLength: 64 }) });
const CommentParams = Type.Object({ periodId: Type.String({ maxLength: 64 }), commentId: Type.String({ maxLength: 64 }) });
const SectionParams = Type.Object({ periodId: Type.String({ maxLength: 64 }), section: Type.String({ maxLength: 20 }) });
const Instant = Type.String({ format: "date-time", description: "ISO 8601 with a time zone" });
const PeriodAnswer = Closed({ commentPeriod: CommentPeriodSchema });

/** The comment periods' endpoints. */
export const commentPeriodEndpoints = {
  /** GET /api/policies/:policyId/comment-periods */
  list: {
    params: PolicyIdParams,
    response: { 200: Closed({ commentPeriods: Type.Array(CommentPeriodSchema) }), ...errorAnswers(...policyRead) },
  },
  /** POST /api/policies/:policyId/comment-periods */
  open: {
    params: PolicyIdParams,
    body: Type.Object(
      {
        versionNumber: Type.Integer({ minimum: 1 }),
        contentHash: Type.String({ minLength: 64, maxLength: 64, pattern: "^[0-9a-f]{64}$" }),
        opensAt: Instant,
        closesAt: Instant,
        allowed: Type.Array(CommenterKindSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
        allowOrganisation: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    response: { 201: PeriodAnswer, ...errorAnswers(...policyChange, 409) },
  },
  /** POST /api/comment-periods/:periodId/extensions */
  extend: {
    params: PeriodParams,
    body: Type.Object({ closesAt: Instant, reason: WrittenTextSchema(2000) }, { additionalProperties: false }),
    response: { 200: PeriodAnswer, ...errorAnswers(...policyChange, 409) },
  },
  /** GET /api/comment-periods/:periodId/comments?status= */
  comments: {
    params: PeriodParams,
    querystring: Type.Object({ status: Type.Optional(PublicCommentStatusSchema) }, { additionalProperties: false }),
    response: { 200: PeriodCommentsSchema, ...errorAnswers(...policyRead) },
  },
  /** POST /api/comment-periods/:periodId/comments/:commentId/moderation */
  moderate: {
    params: CommentParams,
    body: Type.Union([
      Type.Object({ action: Type.Literal("publish") }, { additionalProperties: false }),
      Type.Object({ action: Type.Literal("hold") }, { additionalProperties: false }),
      Type.Object({ action: Type.Literal("reject"), reason: RejectionReasonSchema }, { additionalProperties: false }),
    ]),
    response: { 200: Closed({ comment: PublicCommentSchema }), ...errorAnswers(...policyChange, 409) },
  },
  /** PUT /api/comment-periods/:periodId/responses/:section */
  respond: {
    params: SectionParams,
    body: Type.Object(
      { response: WrittenTextSchema(20_000), answersCommentIds: Type.Array(Type.String({ format: "uuid" }), { maxItems: 10_000 }) },
      { additionalProperties: false },
    ),
    response: { 200: PeriodCommentsSchema, ...errorAnswers(...policyChange, 409) },
  },
  /** POST /api/comment-periods/:periodId/comments/:commentId/no-response */
  noResponse: {
    params: CommentParams,
    body: Type.Object({ reason: WrittenTextSchema(2000) }, { additionalProperties: false }),
    response: { 200: PeriodCommentsSchema, ...errorAnswers(...policyChange, 409) },
  },
} satisfies Record<string, Endpoint>;
