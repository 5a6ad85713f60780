import { isOverdue } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listAssignmentsOfUser, type AssignmentRow } from "../../storage/acknowledgements.js";
import { findPolicyById } from "../../storage/policies.js";
import type { UseCaseContext } from "../context.js";

/** One of my assignments with its policy's title and whether it is overdue. */
export interface MyAssignment {
  assignment: AssignmentRow;
  policyTitle: string;
  overdue: boolean;
}

/** The signed-in person's policies to acknowledge (open first) and those they acknowledged. */
export async function listMyAssignments(ctx: UseCaseContext, actor: CurrentUser): Promise<MyAssignment[]> {
  const assignments = await listAssignmentsOfUser(ctx.db, actor.id);
  const titles = new Map<string, string>();
  for (const policyId of new Set(assignments.map((assignment) => assignment.policy_id))) {
    titles.set(policyId, (await findPolicyById(ctx.db, policyId))?.title ?? "");
  }
  const now = ctx.now();
  return assignments
    .filter((assignment) => assignment.status === "open" || assignment.status === "acknowledged" || assignment.status === "covered")
    .map((assignment) => ({
      assignment,
      policyTitle: titles.get(assignment.policy_id) ?? "",
      overdue: isOverdue({ status: assignment.status, dueDate: assignment.due_date }, now),
    }));
}
