/**
 * @mentions in a comment: finding the "@Name" being typed, offering the policy's members for it, and
 * telling which chosen people are still mentioned when the comment is sent.
 */

/** Someone who can be mentioned. */
export interface MentionCandidate {
  id: string;
  name: string;
}

/** The "@…" being typed: where its "@" is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** The API refuses more mentions than this in one comment. */
export const maxMentions = 20;

/** Longest text after "@" still read as a name being typed (names have spaces: "@Maria Lo"). */
const maxQueryLength = 40;

/**
 * The mention being typed at the caret, or null. An "@" starts one at the start of the text or after a
 * space or an opening bracket (so "someone@example.org" is left alone), and it ends at a line break.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("@");
  if (start === -1 || caret - start - 1 > maxQueryLength) return null;
  const previous = start === 0 ? "" : before[start - 1];
  if (previous !== "" && !/[\s([{"'“‘]/u.test(previous ?? "")) return null;
  const query = before.slice(start + 1);
  if (/[\n@]/.test(query) || /^\s/.test(query)) return null;
  return { start, query };
}

/**
 * Members whose name matches what was typed after "@": names starting with it first, then names with a
 * word starting with it, alphabetically, at most `limit`.
 */
export function matchingCandidates<T extends MentionCandidate>(candidates: readonly T[], query: string, limit = 8): T[] {
  const wanted = query.trim().toLocaleLowerCase();
  const scored: { candidate: T; rank: number }[] = [];
  for (const candidate of candidates) {
    const name = candidate.name.toLocaleLowerCase();
    if (name.startsWith(wanted)) scored.push({ candidate, rank: 0 });
    else if (name.split(/\s+/).some((word) => word.startsWith(wanted))) scored.push({ candidate, rank: 1 });
  }
  scored.sort((a, b) => a.rank - b.rank || a.candidate.name.localeCompare(b.candidate.name));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** Replaces the "@…" being typed with "@Name " and says where the caret goes. */
export function insertMention(text: string, mention: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret);
  // One space after the name, not two, when the text already goes on with one.
  const rest = after.startsWith(" ") ? after.slice(1) : after;
  return { text: text.slice(0, mention.start) + inserted + rest, caret: mention.start + inserted.length };
}

function escapeForPattern(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "@Name" as a whole word: "@Ann" is not found inside "@Anna". */
function mentionPattern(name: string): RegExp {
  return new RegExp(`@${escapeForPattern(name)}(?![\\p{L}\\p{N}])`, "u");
}

/**
 * The ids of the chosen people the text still mentions, once each, at most 20. Someone chosen and then
 * deleted from the text is not notified.
 */
export function mentionedIds(text: string, chosen: readonly MentionCandidate[]): string[] {
  const ids: string[] = [];
  for (const person of chosen) {
    if (!ids.includes(person.id) && mentionPattern(person.name).test(text)) ids.push(person.id);
  }
  return ids.slice(0, maxMentions);
}

/** A piece of a comment's text: plain, or the "@Name" of someone it mentions. */
export interface BodyPart {
  text: string;
  mention: boolean;
}

/** Splits a comment's text so the mentions of these people can be shown as such. Longer names win. */
export function splitMentions(body: string, mentioned: readonly { name: string }[]): BodyPart[] {
  const names = [...new Set(mentioned.map((person) => person.name).filter((name) => name !== ""))].sort((a, b) => b.length - a.length);
  if (names.length === 0) return body === "" ? [] : [{ text: body, mention: false }];
  const pattern = new RegExp(`@(?:${names.map(escapeForPattern).join("|")})(?![\\p{L}\\p{N}])`, "gu");
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index), mention: false });
    parts.push({ text: match[0], mention: true });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}
