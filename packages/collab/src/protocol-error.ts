import { collabCloseCodes } from "./protocol.js";

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
