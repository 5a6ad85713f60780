import type { AssignmentSummary } from "@accord/api-contract";

/** How each assignment status is shown to people (the officer's list, reports, a person's history). */
export const assignmentStatusWords: Record<AssignmentSummary["status"], string> = {
  open: "To acknowledge",
  acknowledged: "Acknowledged",
  covered: "Acknowledged (editorial change)",
  replaced: "Replaced by a newer version",
};
