import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import canonicalize from "canonicalize";

/** JSON values as stored in an audit event's payload. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What an audit event says, before it is chained. */
export interface AuditEventContent {
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  /** ISO 8601 time with milliseconds, in UTC. */
  occurredAt: string;
  /** The user who acted, or null for the system (seeding, migrations). */
  actorId: string | null;
  /** What happened, as `noun.verb`: `account.created`, `member.added`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  payload: { [key: string]: JsonValue };
}

/** An audit event as stored: its content, the previous entry's hash and its own. */
export interface AuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

/** The previous hash of the first entry. */
export const genesisHash = "0".repeat(64);

/**
 * The hash of an entry: SHA-256, in lowercase hex, of the RFC 8785 canonical JSON of its content and the
 * previous entry's hash. Changing any field of any entry changes every hash after it.
 */
export function hashAuditEvent(content: AuditEventContent, prevHash: string): string {
  const canonical = canonicalize({ ...content, prevHash });
  if (canonical === undefined) throw new Error("An audit event could not be serialised to canonical JSON.");
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/** Links new content onto the chain whose last entry is `previous` (or starts the chain). */
export function chainAuditEvent(previous: Pick<AuditEvent, "seq" | "hash"> | null, content: Omit<AuditEventContent, "seq">): AuditEvent {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : genesisHash;
  const full: AuditEventContent = { ...content, seq };
  return { ...full, prevHash, hash: hashAuditEvent(full, prevHash) };
}

/** A point on the chain that someone recorded (published) earlier: its sequence number and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** The verifier's finding. `brokenAt` names the first entry that is wrong. */
export type AuditVerification = { ok: true; count: number; head: AuditHead | null } | { ok: false; brokenAt: number; reason: string };

/**
 * Checks a whole chain, in order of `seq`. Finds entries changed, removed, inserted or reordered.
 * With `knownHeads` (heads recorded earlier), it also finds a rewrite of the chain from some entry on,
 * which recomputed hashes alone cannot reveal, and a truncation of the chain's end.
 */
export function verifyAuditChain(events: readonly AuditEvent[], knownHeads: readonly AuditHead[] = []): AuditVerification {
  let previousHash = genesisHash;
  for (const [index, event] of events.entries()) {
    const expectedSeq = index + 1;
    if (event.seq !== expectedSeq) {
      return {
        ok: false,
        brokenAt: expectedSeq,
        reason: `Entry ${expectedSeq} is missing or out of order: found entry ${event.seq} in its place.`,
      };
    }
    if (event.prevHash !== previousHash) {
      return {
        ok: false,
        brokenAt: event.seq,
        reason: `Entry ${event.seq} does not follow entry ${event.seq - 1}: its previous hash differs.`,
      };
    }
    const { prevHash, hash, ...content } = event;
    if (hashAuditEvent(content, prevHash) !== hash) {
      return { ok: false, brokenAt: event.seq, reason: `Entry ${event.seq} was altered: its hash does not match its content.` };
    }
    previousHash = hash;
  }
  for (const known of knownHeads) {
    const event = events[known.seq - 1];
    if (!event) {
      return {
        ok: false,
        brokenAt: events.length + 1,
        reason: `The chain ends at entry ${events.length}, but entry ${known.seq} was recorded earlier: entries were removed.`,
      };
    }
    if (event.hash !== known.hash) {
      return {
        ok: false,
        brokenAt: known.seq,
        reason: `Entry ${known.seq} differs from the head recorded earlier: the chain was rewritten from there or before.`,
      };
    }
  }
  const last = events[events.length - 1];
  return { ok: true, count: events.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}
