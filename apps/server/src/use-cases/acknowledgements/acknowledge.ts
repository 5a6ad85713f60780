import { AccordError, acknowledgementAuditPayload, acknowledgementStatement } from "@accord/domain";
import { verifyPassword } from "../../auth/passwords.js";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAccountById } from "../../storage/accounts.js";
import {
  closeAssignments,
  insertAcknowledgement,
  listQuizAttempts,
  lockAssignment,
  type AcknowledgementRow,
} from "../../storage/acknowledgements.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { UseCaseContext } from "../context.js";
import { loadAssignmentFor } from "./assignment-access.js";

/** What the officer confirms: the statement as shown, the content hash it names, and their password. */
export interface AcknowledgeInput {
  statement: string;
  contentHash: string;
  password: string;
}

/**
 * The officer acknowledges one assignment: one policy per request, so several can never be accepted
 * in one click. Guards in order: theirs (not found otherwise), password re-entered, the statement and
 * hash exactly this version's, the quiz passed, the assignment still open (under its lock). The record
 * (who, which version and hash, when, the statement) is stored and joins the audit chain in one
 * transaction; the audit payload is the record itself, so a row changed later no longer matches it.
 */
export async function acknowledge(
  ctx: UseCaseContext,
  actor: CurrentUser,
  assignmentId: string,
  input: AcknowledgeInput,
): Promise<AcknowledgementRow> {
  const { assignment, campaign } = await loadAssignmentFor(ctx, actor, assignmentId, "assignment.acknowledge");
  const account = await findAccountById(ctx.db, actor.id);
  if (!account || !(await verifyPassword(account.password_hash, input.password))) throw new AccordError("wrong_password");
  const statement = acknowledgementStatement({
    policyTitle: campaign.title,
    versionNumber: assignment.version_number,
    contentHash: assignment.content_hash,
  });
  if (input.statement !== statement || input.contentHash !== assignment.content_hash) throw new AccordError("statement_mismatch");
  if (campaign.quiz && !(await listQuizAttempts(ctx.db, assignment.id)).some((attempt) => attempt.passed)) {
    throw new AccordError("quiz_not_passed");
  }
  const now = ctx.now();
  const made = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockAssignment(trx, assignment.id);
    if (!locked || locked.status !== "open") throw new AccordError("assignment_closed");
    const acknowledgement = await insertAcknowledgement(trx, {
      id: crypto.randomUUID(),
      assignment_id: locked.id,
      user_id: actor.id,
      policy_id: locked.policy_id,
      version_number: locked.version_number,
      content_hash: locked.content_hash,
      statement,
      acknowledged_at: now,
    });
    await closeAssignments(trx, [locked.id], "acknowledged", now);
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "acknowledgement.made",
      subjectType: "acknowledgement",
      subjectId: acknowledgement.id,
      payload: acknowledgementAuditPayload(acknowledgementRecordOf(acknowledgement)),
    });
    return acknowledgement;
  });
  // The public page may show the counts: it is rendered again with this one.
  ctx.events.publish("publication", { policyId: made.policy_id });
  return made;
}

/** A stored acknowledgement as the domain's record (what the audit chain holds). */
export function acknowledgementRecordOf(row: AcknowledgementRow) {
  return {
    id: row.id,
    userId: row.user_id,
    policyId: row.policy_id,
    versionNumber: row.version_number,
    contentHash: row.content_hash,
    statement: row.statement,
    acknowledgedAt: new Date(row.acknowledged_at).toISOString(),
  };
}
