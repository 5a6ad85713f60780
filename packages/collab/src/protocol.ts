/**
 * The one table of what the collaboration server and the browser must agree on: the WebSocket close
 * codes and the y-websocket message types. Both ends import it (the browser through the dependency-free
 * subpath `@accord/collab/protocol`, so the app's bundle never pulls the server's update checks), as
 * Hocuspocus's `common/src/CloseEvents.ts` serves its server and provider.
 *
 * This file imports nothing: that is what lets the browser take it alone.
 */

/** One way the collaboration server closes a socket. */
export interface CollabCloseEvent {
  /** The WebSocket close code (RFC 6455): 1000-range are the standard ones, 4400-4499 Accord's refusals. */
  readonly code: number;
  /** What the code means, as a stable identifier (the key of `collabCloseEvents`). */
  readonly name: string;
  /** The reason sent with the code when the server has nothing more precise to say. */
  readonly reason: string;
  /**
   * Whether the stock y-websocket provider reconnects after it: it stops for 4400-4499 and retries
   * everything else (y-websocket's `defaultShouldReconnect`), so this mirrors that rule; a refusal that
   * a retry cannot fix is given a 44xx code for that reason.
   */
  readonly reconnect: boolean;
}

/** Every close the collaboration server sends, by name. */
export const collabCloseEvents = {
  /** The server is restarting; the provider reconnects by itself. */
  serviceRestart: { code: 1012, name: "serviceRestart", reason: "The server is restarting.", reconnect: true },
  /** A text frame, or a message type the protocol does not have. */
  unsupportedData: { code: 1003, name: "unsupportedData", reason: "Unsupported message.", reconnect: true },
  /** A binary frame that is not a well-formed message: truncated or overlong varints, a corrupt update. */
  invalidPayload: { code: 1007, name: "invalidPayload", reason: "Malformed message.", reconnect: true },
  /** A message larger than the limit. */
  messageTooBig: { code: 1009, name: "messageTooBig", reason: "The message is too large.", reconnect: true },
  /** The server could not load or keep the document. */
  internalError: { code: 1011, name: "internalError", reason: "Unexpected server error.", reconnect: true },
  /**
   * An update builds on changes the server does not have yet (sent before them, as a client typing
   * before its own reconnection sync went out): it cannot be checked. The provider reconnects, and its
   * sync then sends everything the server lacks in one update, in order.
   */
  missingDependencies: {
    code: 1013,
    name: "missingDependencies",
    reason: "The update builds on changes the server does not have.",
    reconnect: true,
  },
  /** Content that does not fit the policy schema. */
  contentRefused: { code: 4400, name: "contentRefused", reason: "The content does not fit the policy.", reconnect: false },
  /** No valid session. */
  unauthenticated: { code: 4401, name: "unauthenticated", reason: "Your session has ended.", reconnect: false },
  /** Not allowed: a read-only member tried to write, or access was withdrawn. */
  forbidden: { code: 4403, name: "forbidden", reason: "Not allowed.", reconnect: false },
  /** No such policy, or not one this person may read. */
  notFound: { code: 4404, name: "notFound", reason: "No such policy.", reconnect: false },
  /** The client's copy is of another lineage (the server was restored); it must reload, not merge. */
  lineageMismatch: { code: 4409, name: "lineageMismatch", reason: "This draft was reset on the server.", reconnect: false },
  /**
   * A suggest-only member's update changed more than their own suggestions; nothing of it was kept. The
   * client must discard its local copy and reload the draft.
   */
  suggestionRefused: {
    code: 4422,
    name: "suggestionRefused",
    reason: "Only your own suggestions may change.",
    reconnect: false,
  },
  /** Too many messages or bytes too fast. */
  rateLimited: { code: 4429, name: "rateLimited", reason: "Too many changes too fast.", reconnect: false },
} as const satisfies Record<string, CollabCloseEvent>;

/** The name of one close the collaboration server sends. */
export type CollabCloseName = keyof typeof collabCloseEvents;

/** The close codes alone, by name (what a `socket.close(code, reason)` or a `switch` on a code needs). */
export const collabCloseCodes = Object.fromEntries(Object.values(collabCloseEvents).map((event) => [event.name, event.code])) as {
  readonly [Name in CollabCloseName]: (typeof collabCloseEvents)[Name]["code"];
};

/**
 * Whether the stock y-websocket provider reconnects after a close with this code: every code but
 * 4400-4499 (its `defaultShouldReconnect`). Each event's `reconnect` above says the same of its code; this
 * answers for codes the table does not hold (a dropped connection, or a newer server's refusal).
 */
export function providerReconnects(code: number): boolean {
  return !(code >= 4400 && code < 4500);
}

/**
 * The y-websocket message types (y-protocols' framing: `[messageType][payload]`), plus Accord's own
 * server-to-client event (100: a varString of JSON, which the stock provider ignores unless a handler
 * is registered for it). A client sending 100 or auth is refused like any unknown type.
 */
export const collabMessageTypes = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  accordEvent: 100,
} as const;

/** The sync message's own types (y-protocols/sync). */
export const collabSyncMessageTypes = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
