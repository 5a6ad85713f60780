import { Type, type TSchema } from "typebox";
import { textKeyword } from "../plugins/input-validation.js";
import { affiliations, policyRoles, policyStatuses, signOffRules, slugMaxLength, slugPattern, errorCatalogue } from "@accord/domain";

/** Schemas shared by the routes. Every route declares its params, body and responses with these. */


export const AffiliationSchema = Type.Enum(affiliations);
export const PolicyRoleSchema = Type.Enum(policyRoles);
export const PolicyStatusSchema = Type.Enum(policyStatuses);
export const SignOffRuleSchema = Type.Enum(signOffRules);
export const UuidSchema = Type.String({ format: "uuid" });
export const EmailSchema = Type.String({ format: "email", minLength: 3, maxLength: 254 });
/** NIST SP 800-63B: at least 8 characters, and long passphrases allowed. */
export const NewPasswordSchema = Type.String({ minLength: 8, maxLength: 256 });
export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" });
export const TitleSchema = Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" });
export const SlugSchema = Type.String({ minLength: 1, maxLength: slugMaxLength, pattern: slugPattern });

/**
 * A string field that holds several lines (a comment, a reason, a note, a summary). Every string of every
 * request is checked by the one text rule (`forbiddenCharacterIn`, applied by the input-validation
 * plugin): no control character but tab; this marking also allows line breaks.
 */
export function MultiLineTextSchema(options: { minLength?: number; maxLength: number; pattern?: string; description?: string }) {
  return Type.String({ ...options, [textKeyword]: "multi-line" });
}

export const SummarySchema = MultiLineTextSchema({ maxLength: 2000 });

/** Text a person writes (a comment, a reason): 1 to `maxLength` characters of several lines, not blank. */
export function WrittenTextSchema(maxLength: number) {
  return MultiLineTextSchema({ minLength: 1, maxLength, pattern: "\\S", description: "not blank; no control characters but tab and line breaks" });
}

/** A string, or null. */
export const NullableString = Type.Union([Type.String(), Type.Null()]);
/** Someone as a policy's comments and suggestions show them: name, and affiliation in its working group. */
export const PersonSchema = Type.Object({ id: Type.String(), name: Type.String(), affiliation: NullableString });

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.Enum(Object.keys(errorCatalogue) as (keyof typeof errorCatalogue)[]),
    message: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  }),
});

/** The error responses every route may give, so they are documented next to the success. */
export const errorResponses = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
  413: ErrorResponseSchema,
  415: ErrorResponseSchema,
  429: ErrorResponseSchema,
  500: ErrorResponseSchema,
};

/** A route's responses: the success schemas and the error catalogue's shape. */
export function responses<Success extends Record<number, TSchema>>(success: Success) {
  return { ...errorResponses, ...success };
}

export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isFacilitator: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

export const PolicySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  status: PolicyStatusSchema,
  signOffRule: SignOffRuleSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const MemberSchema = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  role: PolicyRoleSchema,
  affiliation: AffiliationSchema,
  addedAt: Type.String(),
});

export const BodySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  // email: only for the facilitator (see bodyAsSeenBy).
  representatives: Type.Array(Type.Object({ userId: Type.String(), displayName: Type.String(), email: Type.Optional(Type.String()) })),
});

export const PolicyDetailSchema = Type.Intersect([
  PolicySchema,
  Type.Object({
    requiredBodies: Type.Array(BodySchema),
    myRole: Type.Union([PolicyRoleSchema, Type.Null()]),
    myAffiliation: Type.Union([AffiliationSchema, Type.Null()]),
    myPermissions: Type.Array(Type.String()),
  }),
]);

export const PolicyIdParams = Type.Object({ policyId: Type.String({ maxLength: 64 }) });
