import type { AccordEvent } from "@accord/collab/events";
import { restoreNotice } from "../versions/restore-wording.js";

/** "1 suggestion", "3 suggestions". */
const suggestions = (count: number) => `${count} suggestion${count === 1 ? "" : "s"}`;

/**
 * What everyone with the draft open is told when someone does something beside typing: who restored
 * which version, who decided how many suggestions, each step of the workflow. Null for events that
 * change what is shown without a word (comments refetched).
 */
export function draftNotice(event: AccordEvent): string | null {
  switch (event.kind) {
    case "comments-changed":
      return null;
    case "version-restored":
      return restoreNotice(event);
    case "suggestions-decided":
      return `${event.decidedBy} ${event.decision} ${suggestions(event.count)}.`;
    case "workflow-step": {
      const version = `version ${event.versionNumber}`;
      switch (event.step) {
        case "proposed":
          return `${event.by} proposed ${version} for sign-off. Edits from now on go into a later version.`;
        case "sent-to-bodies":
          return `The working group signed off ${version} (${event.by} last); it goes to the approving bodies.`;
        case "changes-requested":
          return `${event.by} requested changes to ${version}; it is back with the working group.`;
        case "approved":
          return `Every approving body approved ${version} (${event.by} recorded the last approval).`;
        case "published":
          return `${event.by} published ${version}.`;
      }
    }
  }
}
