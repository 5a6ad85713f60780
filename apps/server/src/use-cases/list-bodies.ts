import type { CurrentUser } from "../auth/sessions.js";
import { listBodyViews, type ApprovingBodyView } from "../storage/bodies.js";
import type { UseCaseContext } from "./context.js";
import { AccordError } from "@accord/domain";

/**
 * The approving bodies and their representatives. Any signed-in person may see which bodies exist and
 * who speaks for them (it is public once a policy is published); only the facilitator sees emails.
 */
export async function listBodies(ctx: UseCaseContext, user: CurrentUser): Promise<ApprovingBodyView[]> {
  const bodies = await listBodyViews(ctx.db);
  if (user.isFacilitator) return bodies;
  return bodies.map((body) => ({
    ...body,
    representatives: body.representatives.map((representative) => ({ ...representative, email: "" })),
  }));
}

/** One approving body, or not_found. */
export async function getBody(ctx: UseCaseContext, user: CurrentUser, bodyId: string): Promise<ApprovingBodyView> {
  const body = (await listBodies(ctx, user)).find((candidate) => candidate.id === bodyId);
  if (!body) throw new AccordError("not_found", "No approving body was found here.");
  return body;
}
