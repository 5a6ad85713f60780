import { deleteSession } from "../../storage/sessions.js";
import type { CurrentUser } from "../../auth/sessions.js";
import type { UseCaseContext } from "../context.js";

/** Ends the session the request came with. Other sessions of the same person stay. */
export async function logOut(ctx: UseCaseContext, user: CurrentUser): Promise<void> {
  await deleteSession(ctx.db, user.sessionId);
  ctx.events.publish("access", { kind: "session", sessionId: user.sessionId });
}
