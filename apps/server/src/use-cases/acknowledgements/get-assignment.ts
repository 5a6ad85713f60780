import { acknowledgementStatement, isOverdue, type Quiz } from "@accord/domain";
import { diffPolicyDocuments, type Redline } from "@accord/policy-diff";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import { AccordError } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import {
  findAcknowledgementOfAssignment,
  listAcknowledgementsOfUser,
  listQuizAttempts,
  type AcknowledgementRow,
  type AssignmentRow,
  type QuizAttemptRow,
} from "../../storage/acknowledgements.js";
import { findEditorialVersion, type EditorialVersionRow } from "../../storage/acknowledgement-settings.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { loadAssignmentFor } from "./assignment-access.js";

/** Everything the acknowledgement screen shows for one assignment. */
export interface AssignmentView {
  assignment: AssignmentRow;
  policyTitle: string;
  /** The exact published text (its canonical JSON is what the content hash covers). */
  content: PolicyNodeJSON;
  /** The fixed statement to confirm, naming the version and its content hash. */
  statement: string;
  overdue: boolean;
  /** The version this person acknowledged before, and the redline from it to this one. */
  previous: { versionNumber: number; acknowledgedAt: Date; redline: Redline } | null;
  quiz: Quiz | null;
  attempts: QuizAttemptRow[];
  acknowledgement: AcknowledgementRow | null;
  /** Set when the facilitator marked this version "editorial, no new acknowledgement". */
  editorial: EditorialVersionRow | null;
}

/** One assignment as its officer (or the facilitator) sees it. */
export async function getAssignment(ctx: UseCaseContext, actor: CurrentUser, assignmentId: string): Promise<AssignmentView> {
  const { assignment, campaign } = await loadAssignmentFor(ctx, actor, assignmentId, "assignment.read");
  const version = await findVersion(ctx.db, assignment.policy_id, assignment.version_number);
  if (!version) throw new AccordError("not_found", "This version no longer exists.");
  const content = JSON.parse(version.canonical_json) as PolicyNodeJSON;
  const earlier = (await listAcknowledgementsOfUser(ctx.db, assignment.user_id, assignment.policy_id)).filter(
    (acknowledgement) => acknowledgement.version_number < assignment.version_number,
  );
  const latest = earlier.at(-1);
  let previous: AssignmentView["previous"] = null;
  if (latest) {
    const before = await findVersion(ctx.db, assignment.policy_id, latest.version_number);
    if (before) {
      previous = {
        versionNumber: latest.version_number,
        acknowledgedAt: latest.acknowledged_at,
        redline: diffPolicyDocuments(JSON.parse(before.canonical_json) as PolicyNodeJSON, content),
      };
    }
  }
  return {
    assignment,
    policyTitle: campaign.title,
    content,
    statement: acknowledgementStatement({
      policyTitle: campaign.title,
      versionNumber: assignment.version_number,
      contentHash: assignment.content_hash,
    }),
    overdue: isOverdue({ status: assignment.status, dueDate: assignment.due_date }, ctx.now()),
    previous,
    quiz: campaign.quiz,
    attempts: await listQuizAttempts(ctx.db, assignment.id),
    acknowledgement: (await findAcknowledgementOfAssignment(ctx.db, assignment.id)) ?? null,
    editorial: (await findEditorialVersion(ctx.db, assignment.policy_id, assignment.version_number)) ?? null,
  };
}
