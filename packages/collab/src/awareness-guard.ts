import * as encoding from "lib0/encoding";
import type { Presence } from "./presence.js";
import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";
import { StrictDecoder } from "./strict-decoding.js";

/** Who holds an awareness client id within one document. */
export type AwarenessOwner = "self" | "other" | "none";

export interface AwarenessGuardContext {
  /** The sender's presence, from its session: it replaces whatever `user` the client sent. */
  presence: Presence;
  /** Whether a client id belongs to the sending connection, to another, or to nobody yet. */
  ownerOf(clientId: number): AwarenessOwner;
  /** The largest JSON state one client may publish. */
  maxStateBytes: number;
  /** The most client ids one message may carry (a real client sends its own, one). */
  maxEntries: number;
}

/** The awareness update to apply, and the client ids the sender now holds or gave up. */
export interface GuardedAwareness {
  update: Uint8Array | null;
  claimed: number[];
  released: number[];
  dropped: number;
}

interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Makes presence unforgeable: a connection may set or clear only the awareness states of client ids it
 * introduced itself (the first to use an id holds it), and its `user` field is always the one its session
 * gives. Entries for others' ids are dropped. Malformed input closes the socket (1007); an oversized state
 * or too many entries close it with 1009.
 */
export function guardAwarenessUpdate(bytes: Uint8Array, context: AwarenessGuardContext): GuardedAwareness {
  const decoder = new StrictDecoder(bytes);
  const count = decoder.readVarUint();
  if (count > context.maxEntries) {
    throw new CollabProtocolError(collabCloseCodes.messageTooBig, `An awareness message may carry at most ${context.maxEntries} states.`);
  }
  const kept: AwarenessEntry[] = [];
  const claimed: number[] = [];
  const released: number[] = [];
  let dropped = 0;
  for (let index = 0; index < count; index++) {
    const clientId = decoder.readVarUint();
    const clock = decoder.readVarUint();
    const json = decoder.readVarString();
    if (json.length > context.maxStateBytes) {
      throw new CollabProtocolError(collabCloseCodes.messageTooBig, `An awareness state may be at most ${context.maxStateBytes} bytes.`);
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new CollabProtocolError(collabCloseCodes.invalidPayload, "An awareness state is not valid JSON.");
    }
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
      throw new CollabProtocolError(collabCloseCodes.invalidPayload, "An awareness state must be an object or null.");
    }
    const owner = context.ownerOf(clientId);
    if (owner === "other" || (owner === "none" && state === null)) {
      dropped++;
      continue;
    }
    if (owner === "none") claimed.push(clientId);
    if (state === null) {
      released.push(clientId);
      kept.push({ clientId, clock, state: null });
    } else {
      kept.push({ clientId, clock, state: { ...(state as Record<string, unknown>), user: context.presence } });
    }
  }
  decoder.expectEnd();
  return { update: kept.length > 0 ? encodeAwarenessEntries(kept) : null, claimed, released, dropped };
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
