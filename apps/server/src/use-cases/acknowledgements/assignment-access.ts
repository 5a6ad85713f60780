import { AccordError, authorizeOnAssignment, type AssignmentAction } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { findAssignment, findCampaign, type AssignmentRow, type CampaignRow } from "../../storage/acknowledgements.js";
import type { UseCaseContext } from "../context.js";

/** Loads an assignment and its campaign for someone who may take this action on it (the permission table decides). */
export async function loadAssignmentFor(
  ctx: UseCaseContext,
  actor: CurrentUser,
  assignmentId: string,
  action: AssignmentAction,
): Promise<{ assignment: AssignmentRow; campaign: CampaignRow }> {
  const assignment = await findAssignment(ctx.db, assignmentId);
  if (!assignment) throw new AccordError("not_found", "No such policy to acknowledge was found.");
  authorizeOnAssignment({ isFacilitator: actor.isFacilitator, isAssignee: assignment.user_id === actor.id }, action);
  const campaign = await findCampaign(ctx.db, assignment.campaign_id);
  if (!campaign) throw new AccordError("not_found", "No such policy to acknowledge was found.");
  return { assignment, campaign };
}
