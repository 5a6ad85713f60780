/**
 * Word that an editor in this tab decided suggestions, so that the policy page's authorship section
 * (which lives outside the editor) reloads its figures. Decisions made elsewhere show after a reload.
 */

const decisions = new EventTarget();
const decidedEvent = "decided";

/** Tells the listeners that suggestions were just accepted or rejected. */
export function announceDecision(): void {
  decisions.dispatchEvent(new Event(decidedEvent));
}

/** Calls `listener` after each decision; returns the function that stops it. */
export function onDecision(listener: () => void): () => void {
  decisions.addEventListener(decidedEvent, listener);
  return () => decisions.removeEventListener(decidedEvent, listener);
}
