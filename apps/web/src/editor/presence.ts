import { affiliationLabels, isAffiliation } from "@accord/domain";

/**
 * Who is in the draft right now, from the awareness states. The server writes each connection's `user`
 * field from the session ({ name, affiliation, color, userId }), so clients cannot pose as someone else;
 * the values are still checked here because they arrive over the wire.
 */

/** The `user` field of an awareness state, as the collaboration server sets it. */
export interface CollaboratorUser {
  userId: string;
  name: string;
  /** An affiliation key ("police", …), or null for a facilitator or representative outside the group. */
  affiliation: string | null;
  /** "#rrggbb". */
  color: string;
}

/** One person in the presence list. */
export interface PresentPerson extends CollaboratorUser {
  affiliationLabel: string;
  isMe: boolean;
}

const hexColor = /^#[0-9a-fA-F]{6}$/;

/** The colour every client falls back to when a state carries none or a malformed one. */
export const fallbackColor = "#4b5563";

/** A colour safe to put into CSS: "#rrggbb" as sent, else the fallback (never arbitrary CSS text). */
export function safeColor(value: unknown): string {
  return typeof value === "string" && hexColor.test(value) ? value : fallbackColor;
}

/** The `user` field of one awareness state, or null when it has none or it is malformed. */
export function readCollaboratorUser(state: unknown): CollaboratorUser | null {
  if (typeof state !== "object" || state === null) return null;
  const user: unknown = (state as { user?: unknown }).user;
  if (typeof user !== "object" || user === null) return null;
  const { userId, name, affiliation, color } = user as Record<string, unknown>;
  if (typeof userId !== "string" || userId === "" || typeof name !== "string") return null;
  return {
    userId,
    name,
    affiliation: typeof affiliation === "string" ? affiliation : null,
    color: safeColor(color),
  };
}

/** How an affiliation is shown beside a name. */
export function affiliationLabel(affiliation: string | null): string {
  if (affiliation && isAffiliation(affiliation)) return affiliationLabels[affiliation];
  return "Not in the working group";
}

/**
 * Everyone connected, once each (a person with two tabs open is one person), me first and then by name.
 * `me` is always listed: the server may not echo my own state back, and I am here either way.
 */
export function presentPeople(states: Iterable<unknown>, me: CollaboratorUser): PresentPerson[] {
  const byUser = new Map<string, CollaboratorUser>([[me.userId, me]]);
  for (const state of states) {
    const user = readCollaboratorUser(state);
    if (user && !byUser.has(user.userId)) byUser.set(user.userId, user);
  }
  return [...byUser.values()]
    .map((user) => ({ ...user, affiliationLabel: affiliationLabel(user.affiliation), isMe: user.userId === me.userId }))
    .sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}
