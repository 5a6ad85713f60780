import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** The Redis channel of one draft: its committed updates and its presence, from every process that has it loaded. */
export const draftChannel = (policyId: string): string => `accord:draft:${policyId}`;

/** The prefix of every draft channel (a subscriber hears other channels too, such as the events'). */
export const draftChannelPrefix = "accord:draft:";

/** The key a live process refreshes (expiring in 10 s): its presence elsewhere is dropped once it is gone. */
export const processKey = (processId: string): string => `accord:process:${processId}`;

/**
 * What travels on a draft's channel, each message binary (lib0 encoding: a kind, the publishing
 * process's id, then the kind's fields):
 * - `update`: the draft's update committed as `seq` (committed to PostgreSQL before it is published);
 * - `awareness`: a y-protocols awareness update of the publishing process's sockets;
 * - `query`: a process that just loaded the draft asks the others for their sockets' presence.
 */
export type DraftRelayMessage =
  | { kind: "update"; processId: string; seq: number; update: Uint8Array }
  | { kind: "awareness"; processId: string; update: Uint8Array }
  | { kind: "query"; processId: string };

const kindCodes = { update: 0, awareness: 1, query: 2 } as const;

/** Encodes a message for a draft's channel. */
export function encodeDraftRelayMessage(message: DraftRelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kindCodes[message.kind]);
  encoding.writeVarString(encoder, message.processId);
  if (message.kind === "update") {
    encoding.writeVarUint(encoder, message.seq);
    encoding.writeVarUint8Array(encoder, message.update);
  } else if (message.kind === "awareness") {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a message from a draft's channel; null when it is not one (never throws). */
export function decodeDraftRelayMessage(bytes: Uint8Array): DraftRelayMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const code = decoding.readVarUint(decoder);
    const processId = decoding.readVarString(decoder);
    if (code === kindCodes.update) {
      const seq = decoding.readVarUint(decoder);
      return { kind: "update", processId, seq, update: decoding.readVarUint8Array(decoder) };
    }
    if (code === kindCodes.awareness) return { kind: "awareness", processId, update: decoding.readVarUint8Array(decoder) };
    if (code === kindCodes.query) return { kind: "query", processId };
    return null;
  } catch {
    return null;
  }
}

/** The client ids an awareness update speaks of (its first fields: a count, then id, clock and state each). */
export function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const clientIds: number[] = [];
  for (let index = 0; index < count; index++) {
    clientIds.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return clientIds;
}
