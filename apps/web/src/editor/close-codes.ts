import { collabCloseCodes, providerReconnects } from "@accord/collab/protocol";

/**
 * What the editor does when the collaboration server closes the socket. The codes come from the one
 * protocol table the server uses too (`@accord/collab/protocol`, imported alone so that the bundle takes
 * none of the server's update checks); anything else is a dropped connection that the provider retries
 * by itself.
 */

/** How the editor reacts to one close code. */
export type CloseOutcome =
  /** The session ended: sign in again, then come back. */
  | { kind: "sign-in" }
  /** Editing is no longer allowed: the view turns read-only and says why. */
  | { kind: "read-only"; message: string }
  /** The local copy can never merge (the draft was restored from a backup, or a change was refused): drop it and reload. */
  | { kind: "reset"; message: string }
  /** A refusal worth telling the person about; `permanent` when the provider will not reconnect. */
  | { kind: "message"; message: string; permanent: boolean }
  /** A network drop or server restart: the status line already says "Offline" and the provider retries. */
  | { kind: "retry" };

/** The message shown when the server refuses further edits. */
export const noLongerEditableMessage = "You can no longer edit this draft.";

/**
 * The outcome of a close code. The stock y-websocket provider stops reconnecting for 4400-4499 and keeps
 * trying for everything else, so `permanent` mirrors that rule (`providerReconnects`) rather than
 * deciding it.
 */
export function closeOutcome(code: number): CloseOutcome {
  switch (code) {
    case collabCloseCodes.unauthenticated:
      return { kind: "sign-in" };
    case collabCloseCodes.forbidden:
      return { kind: "read-only", message: noLongerEditableMessage };
    case collabCloseCodes.notFound:
      return { kind: "message", message: "This policy is not available.", permanent: true };
    case collabCloseCodes.lineageMismatch:
      return {
        kind: "reset",
        message: "This draft was restored from a backup on the server. Reloading the page to show the restored text…",
      };
    case collabCloseCodes.suggestionRefused:
      // A suggest-only member's copy holds a change the server will never take; merging it again would only
      // be refused again, so the copy goes and the server's draft comes back.
      return { kind: "reset", message: "The server accepted only your suggestions; reloading the draft…" };
    case collabCloseCodes.rateLimited:
      return { kind: "message", message: "Too many changes too fast; reload the page.", permanent: true };
    case collabCloseCodes.messageTooBig:
      // The provider reconnects and would resend the same change; undoing it is what lets the rest through.
      return {
        kind: "message",
        message: "That change was too large to send. Undo it, or paste the text in smaller parts.",
        permanent: false,
      };
    default:
      if (!providerReconnects(code)) {
        return {
          kind: "message",
          message: `The server refused this connection (code ${code}). Reload the page to try again.`,
          permanent: true,
        };
      }
      return { kind: "retry" };
  }
}
