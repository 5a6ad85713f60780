import { Type, type Static } from "typebox";
import { errorAnswers, policyChange, policyRead } from "./errors.js";
import { AffiliationSchema, PolicyIdParams, PolicyRoleSchema } from "./policies.js";
import { Closed, TimestampSchema, UuidSchema, type Endpoint } from "./schema-kit.js";

/** A working-group member of one policy. */
export const MemberSchema = Closed({
  userId: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  role: PolicyRoleSchema,
  affiliation: AffiliationSchema,
  addedAt: TimestampSchema,
});
export type Member = Static<typeof MemberSchema>;

/** A member's place in the working group. */
export const MembershipSchema = Type.Object({ role: PolicyRoleSchema, affiliation: AffiliationSchema }, { additionalProperties: false });
export type Membership = Static<typeof MembershipSchema>;

const MemberParams = Type.Object({ policyId: PolicyIdParams.properties.policyId, userId: UuidSchema });
const MemberAnswer = Closed({ member: MemberSchema });

/** A policy's working group: who is in it, with which affiliation and role. */
export const memberEndpoints = {
  /** GET /api/policies/:policyId/members */
  list: { params: PolicyIdParams, response: { 200: Closed({ members: Type.Array(MemberSchema) }), ...errorAnswers(...policyRead) } },
  /** PUT /api/policies/:policyId/members/:userId: 201 when it added the person, 200 when it changed them. */
  put: {
    params: MemberParams,
    body: MembershipSchema,
    response: { 200: MemberAnswer, 201: MemberAnswer, ...errorAnswers(...policyChange, 409) },
  },
  /** DELETE /api/policies/:policyId/members/:userId */
  remove: { params: MemberParams, response: { 204: Type.Null(), ...errorAnswers(...policyChange) } },
} satisfies Record<string, Endpoint>;
