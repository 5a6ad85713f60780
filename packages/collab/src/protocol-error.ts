/**
 * WebSocket close codes the collaboration server uses. 1000-range codes are the standard ones; 4400-4499
 * make the stock y-websocket provider stop reconnecting, which is right when a retry cannot help.
 */
export const collabCloseCodes = {
  /** The server is restarting; the provider reconnects by itself. */
  serviceRestart: 1012,
  /** A text frame, or a message type the protocol does not have. */
  unsupportedData: 1003,
  /** A binary frame that is not a well-formed message: truncated or overlong varints, a corrupt update. */
  invalidPayload: 1007,
  /** A message larger than the limit. */
  messageTooBig: 1009,
  /** The server could not load or keep the document. */
  internalError: 1011,
  /**
   * An update builds on changes the server does not have yet (sent before them, as a client typing
   * before its own reconnection sync went out): it cannot be checked. The provider reconnects, and its
   * sync then sends everything the server lacks in one update, in order.
   */
  missingDependencies: 1013,
  /** Content that does not fit the policy schema. */
  contentRefused: 4400,
  /** No valid session. */
  unauthenticated: 4401,
  /** Not allowed: a read-only member tried to write, or access was withdrawn. */
  forbidden: 4403,
  /** No such policy, or not one this person may read. */
  notFound: 4404,
  /** The client's copy is of another lineage (the server was restored); it must reload, not merge. */
  lineageMismatch: 4409,
  /**
   * A suggest-only member's update changed more than their own suggestions; nothing of it was kept. The
   * client must discard its local copy and reload the draft.
   */
  suggestionRefused: 4422,
  /** Too many messages or bytes too fast. */
  rateLimited: 4429,
} as const;

/** A refusal of one connection's message: the socket closes with the code; the document is untouched. */
export class CollabProtocolError extends Error {
  constructor(
    readonly closeCode: number,
    message: string,
  ) {
    super(message);
    this.name = "CollabProtocolError";
  }
}

/** Refuses a suggest-only member's update: it changed more than their own suggestions (close 4422). */
export function refuseSuggestion(message: string): never {
  throw new CollabProtocolError(collabCloseCodes.suggestionRefused, message);
}
