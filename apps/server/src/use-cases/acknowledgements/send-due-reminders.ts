import { remindersDue, reminderMoments, type ReminderKind } from "@accord/domain";
import { listRemindableAssignments, recordReminder, type RemindableAssignmentRow } from "../../storage/acknowledgement-reminders.js";
import type { UseCaseContext } from "../context.js";

const dayMs = 24 * 60 * 60 * 1000;

/** What the reminders need of the app: the database, the clock and the notifier. */
export type ReminderContext = Pick<UseCaseContext, "db" | "now" | "notifier">;

/** What one pass of the reminder schedule sent. */
export interface ReminderPass {
  sent: { assignmentId: string; kind: ReminderKind }[];
}

/**
 * Sends the reminders that are due by the app's clock: 7 days and 1 day before the due date, then the
 * overdue notice, which also goes to the supervisor. Each reminder is recorded in
 * `acknowledgement_reminders` in the same transaction as its notification (whose e-mail the outbox
 * sends once); the table's key lets only one process record it, so however many processes run this
 * pass at once, each reminder goes out once. Safe to call as often as one likes.
 */
export async function sendDueReminders(ctx: ReminderContext): Promise<ReminderPass> {
  const now = ctx.now();
  // Nothing is reminded earlier than 7 days before its due date.
  const horizon = new Date(now.getTime() + 8 * dayMs).toISOString().slice(0, 10);
  const sent: ReminderPass["sent"] = [];
  for (const assignment of await listRemindableAssignments(ctx.db, horizon)) {
    const due = remindersDue(
      { status: "open", dueDate: assignment.dueDate, assignedAt: assignment.assignedAt, sent: assignment.sent },
      now,
    );
    for (const kind of due) {
      const recorded = await ctx.db.transaction().execute(async (trx) => {
        if (!(await recordReminder(trx, assignment.id, kind, now))) return false;
        for (const notice of remindersFor(assignment, kind)) await ctx.notifier.notify(trx, notice, now);
        return true;
      });
      if (recorded) sent.push({ assignmentId: assignment.id, kind });
    }
  }
  return { sent };
}

function remindersFor(assignment: RemindableAssignmentRow, kind: ReminderKind) {
  const link = `/app/acknowledgements/${assignment.id}`;
  const what = `version ${assignment.versionNumber} of ${assignment.policyTitle}`;
  const base = { actorId: null, policyId: assignment.policyId, proposalId: null, link };
  if (kind !== "overdue") {
    const when = kind === "due_in_7_days" ? "in 7 days" : "tomorrow";
    return [
      {
        ...base,
        recipientIds: [assignment.userId],
        kind: "acknowledgement_reminder" as const,
        title: `Reminder: acknowledge ${assignment.policyTitle} by ${assignment.dueDate}`,
        body: `Your acknowledgement of ${what} is due ${when}, on ${assignment.dueDate}.`,
      },
    ];
  }
  const overdueSince = reminderMoments(assignment.dueDate).overdue.toISOString().slice(0, 10);
  const notices = [
    {
      ...base,
      recipientIds: [assignment.userId],
      kind: "acknowledgement_overdue" as const,
      title: `Overdue: acknowledge ${assignment.policyTitle}`,
      body: `Your acknowledgement of ${what} was due on ${assignment.dueDate} and is overdue since ${overdueSince}.`,
    },
  ];
  if (assignment.supervisorId) {
    notices.push({
      ...base,
      recipientIds: [assignment.supervisorId],
      kind: "acknowledgement_overdue" as const,
      title: `Overdue: ${assignment.displayName} has not acknowledged ${assignment.policyTitle}`,
      body: `${assignment.displayName}'s acknowledgement of ${what} was due on ${assignment.dueDate} and is overdue.`,
      link: "/app/acknowledgement-reports",
    });
  }
  return notices;
}
