import { AccordError, gradeQuiz } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { insertQuizAttempt, lockAssignment, type QuizAttemptRow } from "../../storage/acknowledgements.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import type { UseCaseContext } from "../context.js";
import { loadAssignmentFor } from "./assignment-access.js";

/**
 * The officer answers the campaign's quiz: graded against the pass mark, and every attempt is kept
 * (passed or not), with an audit event. Refused when the campaign has no quiz or the assignment is closed.
 */
export async function attemptQuiz(
  ctx: UseCaseContext,
  actor: CurrentUser,
  assignmentId: string,
  answers: number[],
): Promise<QuizAttemptRow> {
  const { campaign } = await loadAssignmentFor(ctx, actor, assignmentId, "assignment.acknowledge");
  if (!campaign.quiz) throw new AccordError("validation_failed", "This policy has no quiz to answer.");
  const grade = gradeQuiz(campaign.quiz, answers);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const assignment = await lockAssignment(trx, assignmentId);
    if (!assignment || assignment.status !== "open") throw new AccordError("assignment_closed");
    const attempt = await insertQuizAttempt(trx, {
      id: crypto.randomUUID(),
      assignment_id: assignment.id,
      user_id: actor.id,
      answers,
      correct: grade.correct,
      total: grade.total,
      passed: grade.passed,
      attempted_at: now,
    });
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "acknowledgement.quiz_attempted",
      subjectType: "assignment",
      subjectId: assignment.id,
      payload: { attemptId: attempt.id, correct: grade.correct, total: grade.total, passed: grade.passed },
    });
    return attempt;
  });
}
