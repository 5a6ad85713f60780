import type { RosterPerson, RosterPreview } from "@accord/api-contract";
import type { RosterPreviewRow } from "@accord/domain";
import type { RosterPersonRow } from "../storage/roster.js";

/** One person of the roster. */
export function presentRosterPerson(row: RosterPersonRow): RosterPerson {
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    unit: row.unit,
    supervisorId: row.supervisorId,
    supervisorEmail: row.supervisorEmail,
    supervisorName: row.supervisorName,
    disabled: row.disabled,
    passwordSet: row.passwordSet,
  };
}

/** An import's preview (or result) with its counts. */
export function presentRosterPreview(rows: readonly RosterPreviewRow[], applied: boolean): RosterPreview {
  const count = (action: RosterPreviewRow["action"]) => rows.filter((row) => row.action === action).length;
  return {
    applied,
    rows: rows.map((row) => ({
      line: row.line,
      action: row.action,
      email: row.person.email,
      displayName: row.person.displayName,
      unit: row.person.unit,
      supervisorEmail: row.person.supervisorEmail,
      reasons: [...row.reasons],
    })),
    counts: { create: count("create"), change: count("change"), unchanged: count("unchanged"), refuse: count("refuse") },
  };
}
