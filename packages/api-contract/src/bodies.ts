import { Type, type Static } from "typebox";
import { errorAnswers, signedIn, signedInChange } from "./errors.js";
import { Closed, MultiLineTextSchema, TitleSchema, UuidSchema, type Endpoint } from "./schema-kit.js";

/** A person who speaks for an approving body. */
export const RepresentativeSchema = Closed({
  userId: Type.String(),
  displayName: Type.String(),
  email: Type.Optional(Type.String({ description: "only the facilitator is sent representatives' e-mail addresses" })),
});
export type Representative = Static<typeof RepresentativeSchema>;

/** An approving body (Board of Police Commissioners, Police Union, …) and who represents it. */
export const ApprovingBodySchema = Closed({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  representatives: Type.Array(RepresentativeSchema),
});
export type ApprovingBody = Static<typeof ApprovingBodySchema>;

const BodyAnswer = Closed({ body: ApprovingBodySchema });
const BodyParams = Type.Object({ bodyId: UuidSchema });
const RepresentativeParams = Type.Object({ bodyId: UuidSchema, userId: UuidSchema });
const DescriptionSchema = MultiLineTextSchema({ maxLength: 2000 });

/** A new approving body. */
export const NewBodySchema = Type.Object(
  { name: TitleSchema, description: Type.Optional(DescriptionSchema) },
  { additionalProperties: false },
);
export type NewBody = Static<typeof NewBodySchema>;

/** A change of an approving body: at least one of these. */
export const BodyChangeSchema = Type.Object(
  { name: Type.Optional(TitleSchema), description: Type.Optional(DescriptionSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type BodyChange = Static<typeof BodyChangeSchema>;

// Managing bodies is the facilitator's (403 forbidden); 409 body_name_taken.
const bodyChange = [...signedInChange, 404] as const;

/** Approving bodies and who represents each. */
export const bodyEndpoints = {
  /** GET /api/bodies */
  list: { response: { 200: Closed({ bodies: Type.Array(ApprovingBodySchema) }), ...errorAnswers(...signedIn) } },
  /** GET /api/bodies/:bodyId */
  get: { params: BodyParams, response: { 200: BodyAnswer, ...errorAnswers(...signedIn, 404) } },
  /** POST /api/bodies */
  create: { body: NewBodySchema, response: { 201: BodyAnswer, ...errorAnswers(...signedInChange, 409) } },
  /** PATCH /api/bodies/:bodyId */
  update: { params: BodyParams, body: BodyChangeSchema, response: { 200: BodyAnswer, ...errorAnswers(...bodyChange, 409) } },
  /** PUT /api/bodies/:bodyId/representatives/:userId */
  addRepresentative: { params: RepresentativeParams, response: { 200: BodyAnswer, ...errorAnswers(...bodyChange) } },
  /** DELETE /api/bodies/:bodyId/representatives/:userId */
  removeRepresentative: { params: RepresentativeParams, response: { 200: BodyAnswer, ...errorAnswers(...bodyChange) } },
} satisfies Record<string, Endpoint>;
