import { parseAccordEvent, type AccordEvent } from "./accord-events.js";
import * as encoding from "lib0/encoding";
import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes, collabMessageTypes, collabSyncMessageTypes } from "./protocol.js";
import { StrictDecoder } from "./strict-decoding.js";

// The y-websocket wire protocol (y-protocols): [messageType][payload]. Sync messages carry a sync type.
const { sync: messageSync, awareness: messageAwareness, auth: messageAuth, queryAwareness: messageQueryAwareness } = collabMessageTypes;
const { step1: syncStep1, step2: syncStep2, update: syncUpdate } = collabSyncMessageTypes;

/** One message from a client, parsed and framed strictly. */
export type CollabMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "sync-step-2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

/**
 * Parses one binary message. Throws CollabProtocolError: 1003 for a message type the protocol does not
 * have (auth messages are server-to-client only), 1007 for anything malformed.
 */
export function parseCollabMessage(bytes: Uint8Array): CollabMessage {
  const decoder = new StrictDecoder(bytes);
  const messageType = decoder.readVarUint();
  let message: CollabMessage;
  if (messageType === messageSync) {
    const syncType = decoder.readVarUint();
    const payload = decoder.readVarBytes();
    if (syncType === syncStep1) message = { kind: "sync-step-1", stateVector: payload };
    else if (syncType === syncStep2) message = { kind: "sync-step-2", update: payload };
    else if (syncType === syncUpdate) message = { kind: "update", update: payload };
    else throw new CollabProtocolError(collabCloseCodes.unsupportedData, `Unknown sync message type ${syncType}.`);
  } else if (messageType === messageAwareness) {
    message = { kind: "awareness", update: decoder.readVarBytes() };
  } else if (messageType === messageQueryAwareness) {
    message = { kind: "query-awareness" };
  } else if (messageType === messageAuth) {
    throw new CollabProtocolError(collabCloseCodes.unsupportedData, "Clients may not send auth messages.");
  } else {
    throw new CollabProtocolError(collabCloseCodes.unsupportedData, `Unknown message type ${messageType}.`);
  }
  decoder.expectEnd();
  return message;
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => encodeSync(syncStep1, stateVector);
/** Sync step 2: the answer to a step 1, the update the other side lacks. */
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => encodeSync(syncStep2, update);
/** A live document update. */
export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => encodeSync(syncUpdate, update);

/** An awareness (presence) update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The y-websocket message type of Accord's own events, server to client only (a client sending it is
 * refused like any unknown type): varUint 100, then a varString of JSON. From the one protocol table.
 */
export const accordEventMessageType = collabMessageTypes.accordEvent;

/** Encodes an Accord event for every socket on a draft. */
export function encodeAccordEvent(event: AccordEvent): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, accordEventMessageType);
  encoding.writeVarString(encoder, JSON.stringify(event));
  return encoding.toUint8Array(encoder);
}

/** The Accord event a server message carries, or null when it is another message or not a known event. */
export function decodeAccordEvent(bytes: Uint8Array): AccordEvent | null {
  try {
    const decoder = new StrictDecoder(bytes);
    if (decoder.readVarUint() !== accordEventMessageType) return null;
    const json = decoder.readVarString();
    decoder.expectEnd();
    return parseAccordEvent(json);
  } catch {
    return null;
  }
}
