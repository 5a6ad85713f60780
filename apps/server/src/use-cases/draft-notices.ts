import type { AccordEvent } from "@accord/collab";
import type { UseCaseContext } from "./context.js";

/**
 * Tells everyone editing the policy's draft, on every process, what someone just did (a restore, a
 * decision on suggestions, a workflow step), so nobody's text or stage changes under them without a
 * word. Call it after the change is committed; the collaboration server delivers it (app.ts).
 */
export function tellDraftEditors(ctx: Pick<UseCaseContext, "events">, policyId: string, event: AccordEvent): void {
  ctx.events.publish("draft", { policyId, notice: JSON.stringify(event) });
}
