import type { Kysely } from "kysely";
import { judgeSession, type SessionLifetimeConfig } from "@accord/domain";
import type { Database } from "../storage/database.js";
import { deleteSession, findSessionWithAccount, insertSession, touchSession, type SessionWithAccount } from "../storage/sessions.js";
import { generateSessionToken, sessionIdFromToken } from "./session-tokens.js";

/** The signed-in person behind a request, as every use case sees them. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  isFacilitator: boolean;
  /** The stored id (token hash) of the session the request came with. */
  sessionId: string;
}

/** A new session: the token goes to the client once, in a cookie; only its hash is kept. */
export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Starts a session for the account. A new token every time: sign-in never reuses a session id. */
export async function issueSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  lifetime: SessionLifetimeConfig,
): Promise<IssuedSession> {
  const token = generateSessionToken();
  const sessionId = sessionIdFromToken(token);
  await insertSession(db, { id: sessionId, user_id: userId, created_at: now, last_seen_at: now });
  const expiresAt = new Date(now.getTime() + Math.min(lifetime.idleTimeoutMs, lifetime.absoluteTimeoutMs));
  return { token, sessionId, expiresAt };
}

/**
 * The user a session token belongs to, or null when the token is unknown, expired (idle or absolute)
 * or its account is disabled. Expired sessions are deleted; activity is recorded at most once a minute.
 */
export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
  lifetime: SessionLifetimeConfig,
): Promise<{ user: CurrentUser; expiresAt: Date } | null> {
  return validateSession(db, sessionIdFromToken(token), now, lifetime);
}

/** The same check by stored session id: how open sockets re-check that their session still holds. */
export async function validateSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date,
  lifetime: SessionLifetimeConfig,
): Promise<{ user: CurrentUser; expiresAt: Date } | null> {
  const session = await findSessionWithAccount(db, sessionId);
  return session ? judgeStoredSession(db, session, now, lifetime) : null;
}

/**
 * A stored session as read, judged now: its person, or null (and the row deleted) when it expired or its
 * account is disabled. Valid use is recorded at most once a minute.
 */
export async function judgeStoredSession(
  db: Kysely<Database>,
  session: SessionWithAccount,
  now: Date,
  lifetime: SessionLifetimeConfig,
): Promise<{ user: CurrentUser; expiresAt: Date } | null> {
  const sessionId = session.id;
  const verdict = judgeSession({ createdAt: new Date(session.created_at), lastSeenAt: new Date(session.last_seen_at) }, now, lifetime);
  if (verdict.kind === "expired" || session.disabled_at !== null) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (verdict.touch) await touchSession(db, sessionId, now);
  return {
    user: {
      id: session.user_id,
      email: session.email,
      displayName: session.display_name,
      isFacilitator: session.is_facilitator,
      sessionId,
    },
    expiresAt: verdict.expiresAt,
  };
}
