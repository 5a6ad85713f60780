/**
 * Session lifetime rules (Lucia's guide, plus the absolute limit it lacks; OWASP ASVS 7.3.2).
 * A session ends when it has been idle too long or has lived too long, whichever comes first.
 * Pure: the caller passes the clock.
 */
export interface SessionLifetimeConfig {
  /** A session unused for this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteTimeoutMs: number;
  /**
   * Activity is written back at most this often, so that every request does not write to the database.
   * The idle timeout is then exact to within this interval.
   */
  touchIntervalMs: number;
}

export const defaultSessionLifetime: SessionLifetimeConfig = {
  idleTimeoutMs: 24 * 60 * 60 * 1000,
  absoluteTimeoutMs: 14 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
};

/** The times a stored session carries. */
export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/** What to do with a session presented now. */
export type SessionVerdict = { kind: "expired"; reason: "idle" | "absolute" } | { kind: "valid"; touch: boolean; expiresAt: Date };

/** Decides whether a session is still valid now and whether its activity should be written back. */
export function judgeSession(session: SessionTimes, now: Date, config: SessionLifetimeConfig = defaultSessionLifetime): SessionVerdict {
  const absoluteEnd = session.createdAt.getTime() + config.absoluteTimeoutMs;
  if (now.getTime() >= absoluteEnd) return { kind: "expired", reason: "absolute" };
  if (now.getTime() >= session.lastSeenAt.getTime() + config.idleTimeoutMs) {
    return { kind: "expired", reason: "idle" };
  }
  const touch = now.getTime() - session.lastSeenAt.getTime() >= config.touchIntervalMs;
  const lastSeen = touch ? now.getTime() : session.lastSeenAt.getTime();
  const expiresAt = new Date(Math.min(absoluteEnd, lastSeen + config.idleTimeoutMs));
  return { kind: "valid", touch, expiresAt };
}
