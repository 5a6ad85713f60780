import type { CurrentUser } from "../../auth/sessions.js";
import { listBodyViews, type ApprovingBodyView } from "../../storage/bodies.js";
import type { UseCaseContext } from "../context.js";
import { AccordError, canOnSite } from "@accord/domain";

/**
 * A body as this person may see it. Who speaks for a body is no secret (it is public once a policy is
 * published), but a representative's e-mail address is personal data that only the facilitator, who
 * manages the representatives, needs (`account.read_email`): everyone else gets the body without the
 * field at all.
 */
export function bodyAsSeenBy(user: CurrentUser, body: ApprovingBodyView): ApprovingBodyView {
  if (canOnSite(user, "account.read_email")) return body;
  return {
    ...body,
    representatives: body.representatives.map(({ userId, displayName }) => ({ userId, displayName })),
  };
}

/** The approving bodies and their representatives, as this person may see them. */
export async function listBodies(ctx: UseCaseContext, user: CurrentUser): Promise<ApprovingBodyView[]> {
  return (await listBodyViews(ctx.db)).map((body) => bodyAsSeenBy(user, body));
}

/** One approving body, or not_found. */
export async function getBody(ctx: UseCaseContext, user: CurrentUser, bodyId: string): Promise<ApprovingBodyView> {
  const body = (await listBodies(ctx, user)).find((candidate) => candidate.id === bodyId);
  if (!body) throw new AccordError("not_found", "No approving body was found here.");
  return body;
}
