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
import { Closed, Nullable, SummarySchema, TimestampSchema, TitleSchema, UuidSchema, type Endpoint } from "./schema-kit.js";

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

/** A new policy. */
export const NewPolicySchema = Type.Object(
  { title: TitleSchema, slug: Type.Optional(SlugSchema), summary: Type.Optional(SummarySchema) },
  { additionalProperties: false },
);
export type NewPolicy = Static<typeof NewPolicySchema>;

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
  /** POST /api/policies: 409 slug_taken. */
  create: { body: NewPolicySchema, response: { 201: PolicyAnswer, ...errorAnswers(...signedInChange, 409) } },
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
