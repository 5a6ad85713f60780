import { AccordError, authorizeAcknowledgementAdmin, previewRosterImport, type RosterPerson, type RosterPreviewRow } from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import { listRoster } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";
import { putOnRoster } from "./put-on-roster.js";

/** The roster keyed by e-mail, as the import compares it, with each person's account id. */
export interface CurrentRoster {
  byEmail: Map<string, RosterPerson>;
  ids: Map<string, string>;
}

export async function currentRoster(db: Kysely<Database>): Promise<CurrentRoster> {
  const people = await listRoster(db);
  return {
    byEmail: new Map(
      people.map((person) => [
        person.email,
        { email: person.email, displayName: person.displayName, unit: person.unit, supervisorEmail: person.supervisorEmail },
      ]),
    ),
    ids: new Map(people.map((person) => [person.email, person.userId])),
  };
}

/** What a roster file would do, row by row, without doing it. */
export async function previewRoster(ctx: UseCaseContext, actor: CurrentUser, csv: string): Promise<RosterPreviewRow[]> {
  authorizeAcknowledgementAdmin(actor, "roster.manage");
  return previewRosterImport(csv, (await currentRoster(ctx.db)).byEmail);
}

/**
 * Imports a roster file: the preview is computed again inside the transaction (the roster may have
 * changed since it was shown), its created and changed rows are applied, and refused rows change
 * nothing. One transaction and one audit event: the whole file lands or none of it.
 */
export async function importRoster(ctx: UseCaseContext, actor: CurrentUser, csv: string): Promise<RosterPreviewRow[]> {
  authorizeAcknowledgementAdmin(actor, "roster.manage");
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const roster = await currentRoster(trx);
    const preview = previewRosterImport(csv, roster.byEmail);
    const applied = await importRosterRows(trx, ctx, actor.id, preview, roster, now);
    const emailsOf = (action: RosterPreviewRow["action"]) => preview.filter((row) => row.action === action).map((row) => row.person.email);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "roster.imported",
      subjectType: "roster",
      subjectId: null,
      payload: {
        created: emailsOf("create"),
        changed: emailsOf("change"),
        unchanged: emailsOf("unchanged").length,
        refused: preview.filter((row) => row.action === "refuse").map((row) => ({ line: row.line, reasons: row.reasons })),
        accounts: applied.map((entry) => entry.userId),
      },
    });
    return preview;
  });
}

/**
 * Applies the created and changed rows of a preview in the caller's transaction: accounts first, so
 * that a supervisor further down the file has an id before anyone names them.
 */
export async function importRosterRows(
  trx: Kysely<Database>,
  ctx: UseCaseContext,
  actorId: string,
  preview: readonly RosterPreviewRow[],
  roster: CurrentRoster,
  now: Date,
): Promise<{ userId: string; created: boolean }[]> {
  const toApply = preview.filter((row) => row.action === "create" || row.action === "change");
  const ids = new Map(roster.ids);
  const applied: { userId: string; created: boolean }[] = [];
  // Supervisors before the people they supervise: a row whose supervisor is also in this batch waits.
  const pending = [...toApply];
  while (pending.length > 0) {
    const index = pending.findIndex((row) => !row.person.supervisorEmail || ids.has(row.person.supervisorEmail));
    if (index === -1) throw new AccordError("validation_failed", "The file's supervisors form a circle: someone must have no supervisor.");
    const [row] = pending.splice(index, 1);
    const supervisorId = row!.person.supervisorEmail ? (ids.get(row!.person.supervisorEmail) ?? null) : null;
    const result = await putOnRoster(trx, ctx, actorId, { ...row!.person, supervisorId }, now);
    ids.set(row!.person.email, result.userId);
    applied.push(result);
  }
  return applied;
}
