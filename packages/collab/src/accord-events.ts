/**
 * Accord's own events on the collaboration socket (message type 100, server to client): what they are,
 * and the one reader of them, shared by the server and the browser. This module imports nothing, so the
 * browser takes it (`@accord/collab/events`) without the server's update checks.
 */

/**
 * A step of the policy's workflow that everyone on the draft is told of as it happens: a version
 * proposed for sign-off, sent to the approving bodies (the working group signed off), sent back with
 * changes requested, approved by every body, published.
 */
export const workflowSteps = ["proposed", "sent-to-bodies", "changes-requested", "approved", "published"] as const;
export type WorkflowStep = (typeof workflowSteps)[number];

/**
 * An Accord event: something beside the document changed, and clients refetch it ("comments-changed");
 * or someone did something to the draft or its workflow that the document's own update cannot say, and
 * everyone connected is told who did what: restored a version (which, and the version that keeps the
 * draft as it was, or null when it was already saved), accepted or rejected suggestions (how many), or
 * took the workflow a step on (which step, on which version).
 */
export type AccordEvent =
  | { kind: "comments-changed"; threadId: string }
  | { kind: "version-restored"; versionNumber: number; restoredBy: string; savedVersionNumber: number | null }
  | { kind: "suggestions-decided"; decision: "accepted" | "rejected"; count: number; decidedBy: string }
  | { kind: "workflow-step"; step: WorkflowStep; versionNumber: number; by: string };

const isVersionNumber = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;

/**
 * The Accord event a JSON text holds, or null when it is not one this version knows (an unknown kind, a
 * missing or mistyped field): a client ignores what it cannot read rather than trust it.
 */
export function parseAccordEvent(json: string): AccordEvent | null {
  let event: unknown;
  try {
    event = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof event !== "object" || event === null) return null;
  const fields = event as Record<string, unknown>;
  switch (fields["kind"]) {
    case "comments-changed": {
      const { threadId } = fields;
      return typeof threadId === "string" ? { kind: "comments-changed", threadId } : null;
    }
    case "version-restored": {
      const { versionNumber, restoredBy, savedVersionNumber } = fields;
      if (!isVersionNumber(versionNumber) || typeof restoredBy !== "string") return null;
      if (savedVersionNumber !== null && !isVersionNumber(savedVersionNumber)) return null;
      return { kind: "version-restored", versionNumber, restoredBy, savedVersionNumber };
    }
    case "suggestions-decided": {
      const { decision, count, decidedBy } = fields;
      if (decision !== "accepted" && decision !== "rejected") return null;
      if (!isVersionNumber(count) || typeof decidedBy !== "string") return null;
      return { kind: "suggestions-decided", decision, count, decidedBy };
    }
    case "workflow-step": {
      const { step, versionNumber, by } = fields;
      if (!workflowSteps.includes(step as WorkflowStep) || !isVersionNumber(versionNumber) || typeof by !== "string") return null;
      return { kind: "workflow-step", step: step as WorkflowStep, versionNumber, by };
    }
    default:
      return null;
  }
}
