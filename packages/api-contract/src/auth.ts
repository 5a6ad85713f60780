import { Type, type Static } from "typebox";
import { AccountSchema } from "./accounts.js";
import { anyRoute, errorAnswers, signedIn, signedInChange } from "./errors.js";
import { Closed, NewPasswordSchema, type Endpoint } from "./schema-kit.js";

/** The signed-in person, as GET /api/auth/me answers. */
export const SignedInAccountSchema = Closed({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  isFacilitator: Type.Boolean(),
});
export type SignedInAccount = Static<typeof SignedInAccountSchema>;

/** Sign-in: the password is not length-checked here, so that an old short password is still accepted. */
export const LoginSchema = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type Login = Static<typeof LoginSchema>;

/** A change of one's own password. */
export const PasswordChangeSchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: NewPasswordSchema },
  { additionalProperties: false },
);
export type PasswordChange = Static<typeof PasswordChangeSchema>;

// A change without a session: refused from a foreign Origin (403), malformed (400), too large or not JSON.
const anonymousChange = [...anyRoute, 403, 413, 415] as const;

/** Sign in, sign out, who am I, and change my password. */
export const authEndpoints = {
  /** POST /api/auth/login: 401 invalid_credentials; 429 too many attempts (throttle or flood guard). */
  login: { body: LoginSchema, response: { 200: Closed({ account: AccountSchema }), ...errorAnswers(...anonymousChange, 401, 429) } },
  /** POST /api/auth/logout: signing out when already signed out is not an error. */
  logout: { response: { 204: Type.Null(), ...errorAnswers(...anonymousChange) } },
  /** GET /api/auth/me */
  me: { response: { 200: Closed({ account: SignedInAccountSchema }), ...errorAnswers(...signedIn) } },
  /** POST /api/auth/password: 403 wrong_password; answers how many other sessions it ended. */
  changePassword: {
    body: PasswordChangeSchema,
    response: { 200: Closed({ endedSessions: Type.Integer() }), ...errorAnswers(...signedInChange) },
  },
} satisfies Record<string, Endpoint>;
