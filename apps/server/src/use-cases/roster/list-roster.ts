import { authorizeAcknowledgementAdmin } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { listRoster, type RosterPersonRow } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";

/** The department's roster, by unit and name: the facilitator's. */
export async function listRosterPeople(ctx: UseCaseContext, actor: CurrentUser): Promise<RosterPersonRow[]> {
  authorizeAcknowledgementAdmin(actor, "roster.manage");
  return listRoster(ctx.db);
}
