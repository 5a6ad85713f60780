import type { ApprovingBody } from "@accord/api-contract";
import type { ApprovingBodyView } from "../storage/bodies.js";

/**
 * An approving body with its representatives. Whether their e-mail addresses are there is the use
 * case's decision (only the facilitator gets them): an address left out stays out.
 */
export function presentBody(body: ApprovingBodyView): ApprovingBody {
  return {
    id: body.id,
    name: body.name,
    description: body.description,
    representatives: body.representatives.map((representative) => ({
      userId: representative.userId,
      displayName: representative.displayName,
      ...(representative.email === undefined ? {} : { email: representative.email }),
    })),
  };
}
