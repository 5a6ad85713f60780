import { AccordError, authorizeAcknowledgementAdmin, previewRosterImport, rosterColumns, type RosterPerson } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findRosterPerson, type RosterPersonRow } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";
import { currentRoster, importRosterRows } from "./import-roster.js";

/**
 * The facilitator adds one person to the roster (or changes their unit and supervisor): the same
 * checks as a one-row import, so that one person and a file are judged alike.
 */
export async function addRosterPerson(ctx: UseCaseContext, actor: CurrentUser, input: RosterPerson): Promise<RosterPersonRow> {
  authorizeAcknowledgementAdmin(actor, "roster.manage");
  const now = ctx.now();
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const roster = await currentRoster(trx);
    const [row] = previewRosterImport(oneRowCsv(input), roster.byEmail);
    if (!row) throw new AccordError("validation_failed", "Name the person to add.");
    if (row.action === "refuse") throw new AccordError("validation_failed", `This person cannot be added: ${row.reasons.join("; ")}.`);
    const [applied] = await importRosterRows(trx, ctx, actor.id, [row], roster, now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "roster.person_saved",
      subjectType: "account",
      subjectId: applied!.userId,
      payload: { email: row.person.email, unit: row.person.unit, supervisorEmail: row.person.supervisorEmail, action: row.action },
    });
    return applied!.userId;
  });
  const saved = await findRosterPerson(ctx.db, userId);
  if (!saved) throw new AccordError("internal_error");
  return saved;
}

/** One person as a roster file of one row, every field quoted. */
function oneRowCsv(person: RosterPerson): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const values = [person.email, person.displayName, person.unit, person.supervisorEmail ?? ""];
  return `${rosterColumns.join(",")}\n${values.map(quote).join(",")}\n`;
}
