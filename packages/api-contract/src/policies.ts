import { Type, type Static, type TLiteral, type TUnion } from "typebox";
import {
  affiliations,
  policyGrants,
  policyRoles,
  policyStatuses,
  signOffRules,
  slugMaxLength,
  slugPattern,
  type PolicyAction,
} from "@accord/domain";
import { ApprovingBodySchema } from "./bodies.js";
import { errorAnswers, policyChange, policyRead, signedIn, signedInChange } from "./errors.js";
import { importRequestLimits } from "./import-limits.js";
import {
  Closed,
  MultiLineTextSchema,
  Nullable,
  SummarySchema,
  TimestampSchema,
  TitleSchema,
  UuidSchema,
  type Endpoint,
} from "./schema-kit.js";

export const AffiliationSchema = Type.Enum(affiliations);
export const PolicyRoleSchema = Type.Enum(policyRoles);
export const PolicyStatusSchema = Type.Enum(policyStatuses);
export const SignOffRuleSchema = Type.Enum(signOffRules);
export const SlugSchema = Type.String({ minLength: 1, maxLength: slugMaxLength, pattern: slugPattern });

/**
 * An action of the permission table on one policy ("policy.update", "draft.edit", …): a union of its
 * literals made from the table's own keys, so the contract cannot drift from the table.
 */
export const PolicyActionSchema = Type.Union(
  (Object.keys(policyGrants) as PolicyAction[]).map((action) => Type.Literal(action)),
) as unknown as TUnion<
  // One literal per action at run time; for the static type, the literal of their union (an array of
  // literals would give TypeBox no tuple to read).
  [TLiteral<PolicyAction>]
>;

/** The path of everything in one policy. */
export const PolicyIdParams = Type.Object({ policyId: Type.String({ maxLength: 64 }) });

/** A policy as listed. */
export const PolicySchema = Closed({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: PolicyStatusSchema,
  signOffRule: SignOffRuleSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Policy = Static<typeof PolicySchema>;

/** One policy with the bodies it needs and what the signed-in person may do on it. */
export const PolicyDetailSchema = Closed({
  ...PolicySchema.properties,
  requiredBodies: Type.Array(ApprovingBodySchema),
  myRole: Nullable(PolicyRoleSchema),
  myAffiliation: Nullable(AffiliationSchema),
  myPermissions: Type.Array(PolicyActionSchema, {
    description: "the permission table's actions on this policy that the signed-in person holds",
  }),
});
export type PolicyDetail = Static<typeof PolicyDetailSchema>;

const PolicyAnswer = Closed({ policy: PolicySchema });

const FileNameSchema = Type.String({ minLength: 1, maxLength: 255, description: "the imported file's name, for the audit record" });

/** How a new policy's draft starts: empty, from a template, or from an imported Markdown or Word file. */
export const DraftStartSchema = Type.Union([
  Type.Object({ kind: Type.Literal("empty") }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("template"), templateId: Type.String({ minLength: 1, maxLength: 64, pattern: "^[a-z0-9-]+$" }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("markdown"),
      fileName: FileNameSchema,
      text: MultiLineTextSchema({ maxLength: importRequestLimits.markdownCharacters }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("docx"),
      fileName: FileNameSchema,
      base64: Type.String({
        maxLength: importRequestLimits.docxBase64Characters,
        pattern: "^[A-Za-z0-9+/]*={0,2}$",
        description: "the file's bytes in standard base64",
      }),
    },
    { additionalProperties: false },
  ),
]);
export type DraftStart = Static<typeof DraftStartSchema>;

/** One person of a new policy's working group. */
export const NewMemberSchema = Type.Object(
  { userId: UuidSchema, role: PolicyRoleSchema, affiliation: AffiliationSchema },
  { additionalProperties: false },
);

/**
 * A new policy. Everything but the title is optional, so `{ title }` alone still starts an empty policy;
 * the new-policy flow sends the working group, the approving bodies, the sign-off rule and how the draft
 * starts too, and all of it is created in one transaction or none of it is.
 */
export const NewPolicySchema = Type.Object(
  {
    title: TitleSchema,
    slug: Type.Optional(SlugSchema),
    summary: Type.Optional(SummarySchema),
    signOffRule: Type.Optional(SignOffRuleSchema),
    members: Type.Optional(Type.Array(NewMemberSchema, { maxItems: 500 })),
    requiredBodyIds: Type.Optional(Type.Array(UuidSchema, { maxItems: 50 })),
    start: Type.Optional(DraftStartSchema),
  },
  { additionalProperties: false },
);
export type NewPolicy = Static<typeof NewPolicySchema>;

/** A template a new policy's draft can start from, as the new-policy flow lists it. */
export const PolicyTemplateSchema = Closed({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  sections: Type.Array(Type.String(), { description: "the titles of its sections, in order" }),
});
export type PolicyTemplateSummary = Static<typeof PolicyTemplateSchema>;

/** A change of a policy: at least one of these. */
export const PolicyChangeSchema = Type.Object(
  {
    title: Type.Optional(TitleSchema),
    slug: Type.Optional(SlugSchema),
    summary: Type.Optional(SummarySchema),
    signOffRule: Type.Optional(SignOffRuleSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PolicyChange = Static<typeof PolicyChangeSchema>;

/** Policies: my list, one policy, and the facilitator's create, edit and required bodies. */
export const policyEndpoints = {
  /** GET /api/policies: every policy for the facilitator, otherwise those I take part in. */
  list: { response: { 200: Closed({ policies: Type.Array(PolicySchema) }), ...errorAnswers(...signedIn) } },
  /** GET /api/policy-templates: the templates a new policy's draft can start from (facilitator only: 403). */
  templates: { response: { 200: Closed({ templates: Type.Array(PolicyTemplateSchema) }), ...errorAnswers(...signedIn, 403) } },
  /**
   * POST /api/policies: the policy with its working group, approving bodies, sign-off rule and starting
   * draft, in one transaction. 400 for an unknown person, body or template; 409 slug_taken; 413
   * import_too_large for a file over `importLimits` (payload_too_large for a body over the route's limit);
   * 422 import_unreadable (not a Word document, or a damaged or tampered one) or import_exceeds_limits (it
   * unpacks to too much, or holds too many parts, characters or blocks). Each names the file's field.
   */
  create: { body: NewPolicySchema, response: { 201: PolicyAnswer, ...errorAnswers(...signedInChange, 409, 422) } },
  /** GET /api/policies/:policyId */
  get: { params: PolicyIdParams, response: { 200: Closed({ policy: PolicyDetailSchema }), ...errorAnswers(...policyRead) } },
  /** PATCH /api/policies/:policyId: 409 slug_taken. */
  update: { params: PolicyIdParams, body: PolicyChangeSchema, response: { 200: PolicyAnswer, ...errorAnswers(...policyChange, 409) } },
  /** PUT /api/policies/:policyId/required-bodies */
  setRequiredBodies: {
    params: PolicyIdParams,
    body: Type.Object({ bodyIds: Type.Array(UuidSchema, { maxItems: 50 }) }, { additionalProperties: false }),
    response: { 200: Closed({ requiredBodies: Type.Array(ApprovingBodySchema) }), ...errorAnswers(...policyChange) },
  },
} satisfies Record<string, Endpoint>;
