import type { FastifyRequest } from "fastify";
import type { SessionLifetimeConfig } from "@accord/domain";
import type { Kysely } from "kysely";
import { sessionIdFromToken } from "../auth/session-tokens.js";
import { judgeStoredSession, validateSession, validateSessionToken, type CurrentUser } from "../auth/sessions.js";
import type { Database } from "../storage/database.js";
import { findSessionWithDraftFacts } from "../storage/session-draft-access.js";
import { draftAccessFrom, isPolicyId, type DraftAccess } from "./policy-access.js";

/** The origins allowed to change state (and to open a collaboration socket). */
export interface AllowedOrigins {
  /** The configured public origin, if any. */
  publicOrigin: string | null;
  /** Further allowed origins. */
  allowedOrigins: readonly string[];
  /**
   * Outside production, also accept the origin the request itself was addressed to (its Host), so that
   * http://localhost:3000 and http://127.0.0.1:3000 both work without configuration. A cross-site
   * attacker cannot make a browser send a foreign Origin together with our Host, so this stays safe.
   */
  acceptOwnHost: boolean;
}

export interface RequestAccessOptions {
  db: Kysely<Database>;
  now: () => Date;
  sessionLifetime: SessionLifetimeConfig;
  /** Production cookies are Secure and use the __Host- prefix (no Domain, Path=/, HTTPS only). */
  production: boolean;
  origins: AllowedOrigins;
}

/** A session that holds now: its person and when it expires unless used again. */
export interface ValidSession {
  user: CurrentUser;
  expiresAt: Date;
}

/** The name of the session cookie in this mode. */
export function sessionCookieName(production: boolean): string {
  return production ? "__Host-accord_session" : "accord_session";
}

/**
 * "Who is this, and what may they do on this policy", asked the same way by the HTTP API (the origin
 * guard and session-auth plugins; each use case then asks the permission table through `loadPolicyFor`)
 * and by the collaboration WebSocket (at the upgrade and at every re-check of an open socket), as
 * Outline's collaboration server calls the same `can()` as its routes. One instance per app, built
 * from the configuration.
 */
export class RequestAccess {
  /** The session cookie: its name in this mode, and whether it is Secure (production: HTTPS only). */
  readonly sessionCookie: { name: string; secure: boolean };

  constructor(private readonly options: RequestAccessOptions) {
    this.sessionCookie = { name: sessionCookieName(options.production), secure: options.production };
  }

  /**
   * True when a request claiming this Origin may change state (or open a socket). A missing Origin, or
   * the opaque "null", is never allowed.
   */
  isAllowedOrigin(request: FastifyRequest, origin: string | undefined): boolean {
    const { origins } = this.options;
    if (!origin || origin === "null") return false;
    if (origin === origins.publicOrigin || origins.allowedOrigins.includes(origin)) return true;
    return origins.acceptOwnHost && origin === `${request.protocol}://${request.host}`;
  }

  /** The session token the request's cookie carries, if any. */
  sessionTokenOf(request: FastifyRequest): string | undefined {
    return request.cookies[this.sessionCookie.name];
  }

  /**
   * Who is asking: the session this token names, or null when the token is unknown, expired (idle or
   * absolute) or its account is disabled. Valid use is recorded (at most once a minute).
   */
  sessionFor(token: string): Promise<ValidSession | null> {
    return validateSessionToken(this.options.db, token, this.options.now(), this.options.sessionLifetime);
  }

  /**
   * Whose session this is and what they may do with the policy's draft (the permission table, as over
   * HTTP), in one database round trip: what a collaboration socket asks at its upgrade (by the cookie's
   * token) and at every re-check (by the stored session id). Null when the session does not hold; throws
   * not_found when the person may not read the policy.
   */
  async sessionWithDraftAccess(session: { token: string } | { sessionId: string }, policyId: string): Promise<SessionDraftAccess | null> {
    const { db, now, sessionLifetime } = this.options;
    const sessionId = "token" in session ? sessionIdFromToken(session.token) : session.sessionId;
    if (!isPolicyId(policyId)) {
      // No policy can have this id: the session still decides between unauthenticated and not_found.
      const valid = await validateSession(db, sessionId, now(), sessionLifetime);
      return valid && { session: valid, access: draftAccessFrom(valid.user, null) };
    }
    const found = await findSessionWithDraftFacts(db, sessionId, policyId);
    const valid = found ? await judgeStoredSession(db, found.session, now(), sessionLifetime) : null;
    if (!found || !valid) return null;
    return { session: valid, access: draftAccessFrom(valid.user, found.policy) };
  }
}

/** A session that holds, and what its person may do with one policy's draft. */
export interface SessionDraftAccess {
  session: ValidSession;
  access: DraftAccess;
}
