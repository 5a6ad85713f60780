import type { Kysely } from "kysely";
import type { ReminderKind } from "@accord/domain";
import type { Database } from "./database.js";

/** An open assignment due soon, with what the reminders need: the person, their supervisor, the policy. */
export interface RemindableAssignmentRow {
  id: string;
  userId: string;
  supervisorId: string | null;
  displayName: string;
  policyId: string;
  policyTitle: string;
  versionNumber: number;
  dueDate: string;
  assignedAt: Date;
  sent: ReminderKind[];
}

/** The open assignments due on or before `horizon` (YYYY-MM-DD), with the reminders each already had. */
export async function listRemindableAssignments(db: Kysely<Database>, horizon: string): Promise<RemindableAssignmentRow[]> {
  const rows = await db
    .selectFrom("acknowledgement_assignments as assignment")
    .innerJoin("users", "users.id", "assignment.user_id")
    .innerJoin("policies", "policies.id", "assignment.policy_id")
    .leftJoin("roster_people", "roster_people.user_id", "assignment.user_id")
    .select([
      "assignment.id as id",
      "assignment.user_id as userId",
      "roster_people.supervisor_id as supervisorId",
      "users.display_name as displayName",
      "assignment.policy_id as policyId",
      "policies.title as policyTitle",
      "assignment.version_number as versionNumber",
      "assignment.due_date as dueDate",
      "assignment.assigned_at as assignedAt",
    ])
    .where("assignment.status", "=", "open")
    .where("assignment.due_date", "<=", horizon)
    .where("users.disabled_at", "is", null)
    .orderBy("assignment.due_date")
    .orderBy("assignment.id")
    .execute();
  if (rows.length === 0) return [];
  const sent = await db
    .selectFrom("acknowledgement_reminders")
    .select(["assignment_id", "kind"])
    .where(
      "assignment_id",
      "in",
      rows.map((row) => row.id),
    )
    .execute();
  return rows.map((row) => ({
    ...row,
    sent: sent.filter((reminder) => reminder.assignment_id === row.id).map((reminder) => reminder.kind),
  }));
}

/**
 * Records that a reminder is sent, in the caller's transaction. True when this call recorded it; false
 * when it already was (another process got there first, and the key made this one a no-op), so the
 * caller sends nothing.
 */
export async function recordReminder(trx: Kysely<Database>, assignmentId: string, kind: ReminderKind, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto("acknowledgement_reminders")
    .values({ assignment_id: assignmentId, kind, sent_at: now })
    .onConflict((conflict) => conflict.columns(["assignment_id", "kind"]).doNothing())
    .returning("assignment_id")
    .execute();
  return inserted.length === 1;
}
