import { Type, type Static } from "typebox";
import { anyRoute, errorAnswers, signedIn, signedInChange } from "./errors.js";
import {
  Closed,
  DisplayNameSchema,
  EmailSchema,
  MultiLineTextSchema,
  NewPasswordSchema,
  Nullable,
  NullableString,
  type Endpoint,
} from "./schema-kit.js";

/** A unit's name, as the roster holds it ("Patrol East"). */
export const UnitSchema = Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" });

/** One person of the department's roster. */
export const RosterPersonSchema = Closed({
  userId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  unit: Type.String(),
  supervisorId: NullableString,
  supervisorEmail: NullableString,
  supervisorName: NullableString,
  disabled: Type.Boolean(),
  passwordSet: Type.Boolean({ description: "false until the person used their link to set a password" }),
});
export type RosterPerson = Static<typeof RosterPersonSchema>;

/** One person to add to the roster (or whose unit and supervisor change). */
export const NewRosterPersonSchema = Type.Object(
  { email: EmailSchema, displayName: DisplayNameSchema, unit: UnitSchema, supervisorEmail: Nullable(EmailSchema) },
  { additionalProperties: false },
);
export type NewRosterPerson = Static<typeof NewRosterPersonSchema>;

/** A roster file: CSV with the columns email, name, unit, supervisor_email. */
export const RosterFileSchema = Type.Object(
  { csv: MultiLineTextSchema({ minLength: 1, maxLength: 2_000_000, description: "CSV: email,name,unit,supervisor_email" }) },
  { additionalProperties: false },
);
export type RosterFile = Static<typeof RosterFileSchema>;

/** One row of an import's preview: what it would do (or did), and why. */
export const RosterPreviewRowSchema = Closed({
  line: Type.Integer(),
  action: Type.Union([Type.Literal("create"), Type.Literal("change"), Type.Literal("unchanged"), Type.Literal("refuse")]),
  email: Type.String(),
  displayName: Type.String(),
  unit: Type.String(),
  supervisorEmail: NullableString,
  reasons: Type.Array(Type.String()),
});
export type RosterPreviewRow = Static<typeof RosterPreviewRowSchema>;

/** An import's preview (or result), with counts per action. */
export const RosterPreviewSchema = Closed({
  applied: Type.Boolean({ description: "false for a preview; true when the created and changed rows were saved" }),
  rows: Type.Array(RosterPreviewRowSchema),
  counts: Closed({ create: Type.Integer(), change: Type.Integer(), unchanged: Type.Integer(), refuse: Type.Integer() }),
});
export type RosterPreview = Static<typeof RosterPreviewSchema>;

/** Setting a first password with the link the roster mailed. */
export const PasswordSetupSchema = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: NewPasswordSchema },
  { additionalProperties: false },
);
export type PasswordSetup = Static<typeof PasswordSetupSchema>;

/** The department's roster: the facilitator's (403 forbidden for others). */
export const rosterEndpoints = {
  /** GET /api/roster */
  list: { response: { 200: Closed({ people: Type.Array(RosterPersonSchema) }), ...errorAnswers(...signedIn, 403) } },
  /** POST /api/roster/people: adds or changes one person; 400 with the reasons when refused. */
  save: { body: NewRosterPersonSchema, response: { 200: Closed({ person: RosterPersonSchema }), ...errorAnswers(...signedInChange) } },
  /** POST /api/roster/import/preview: what the file would do, changing nothing. */
  preview: { body: RosterFileSchema, response: { 200: RosterPreviewSchema, ...errorAnswers(...signedInChange) } },
  /** POST /api/roster/import: applies the created and changed rows; refused rows change nothing. */
  import: { body: RosterFileSchema, response: { 200: RosterPreviewSchema, ...errorAnswers(...signedInChange) } },
  /** POST /api/auth/set-password: 400 setup_link_invalid when the link was used or expired. */
  setPassword: {
    body: PasswordSetupSchema,
    response: { 200: Closed({ passwordSet: Type.Literal(true) }), ...errorAnswers(...anyRoute, 403, 413, 415) },
  },
} satisfies Record<string, Endpoint>;
