import { Type, type Static } from "typebox";
import { AffiliationSchema } from "./policies.js";
import { errorAnswers, signedIn, signedInChange } from "./errors.js";
import {
  Closed,
  DisplayNameSchema,
  Nullable,
  EmailSchema,
  NewPasswordSchema,
  TimestampSchema,
  UuidSchema,
  type Endpoint,
} from "./schema-kit.js";

/** An account as the facilitator's people pages show it. */
export const AccountSchema = Closed({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isFacilitator: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: TimestampSchema,
  defaultAffiliation: Nullable(AffiliationSchema, {
    description: "the affiliation the new-policy flow fills in for this person; each policy keeps its own",
  }),
});
export type Account = Static<typeof AccountSchema>;

const AccountAnswer = Closed({ account: AccountSchema });

/** A new account. */
export const NewAccountSchema = Type.Object(
  {
    email: EmailSchema,
    displayName: DisplayNameSchema,
    password: NewPasswordSchema,
    isFacilitator: Type.Optional(Type.Boolean()),
    defaultAffiliation: Type.Optional(Nullable(AffiliationSchema)),
  },
  { additionalProperties: false },
);
export type NewAccount = Static<typeof NewAccountSchema>;

/** A change of an account: at least one of these. */
export const AccountChangeSchema = Type.Object(
  {
    displayName: Type.Optional(DisplayNameSchema),
    isFacilitator: Type.Optional(Type.Boolean()),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(NewPasswordSchema),
    defaultAffiliation: Type.Optional(Nullable(AffiliationSchema)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountChange = Static<typeof AccountChangeSchema>;

/** The facilitator's people pages: list, create, rename, disable, reset a password (all facilitator only: 403). */
export const accountEndpoints = {
  /** GET /api/accounts */
  list: { response: { 200: Closed({ accounts: Type.Array(AccountSchema) }), ...errorAnswers(...signedIn, 403) } },
  /** POST /api/accounts: 409 email_taken. */
  create: { body: NewAccountSchema, response: { 201: AccountAnswer, ...errorAnswers(...signedInChange, 409) } },
  /** PATCH /api/accounts/:accountId: 409 cannot_disable_self, last_facilitator, email_taken. */
  update: {
    params: Type.Object({ accountId: UuidSchema }),
    body: AccountChangeSchema,
    response: { 200: AccountAnswer, ...errorAnswers(...signedInChange, 404, 409) },
  },
} satisfies Record<string, Endpoint>;
