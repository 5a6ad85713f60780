import type { TestAccord } from "./test-app.js";

/**
 * Rejects every pending suggestion on a policy, as an editor: the demo draft holds some, and a version
 * that still has any cannot be proposed.
 */
export async function rejectPendingSuggestions(accord: TestAccord, policyId: string, editorCookie: string): Promise<void> {
  const pending = (await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie: editorCookie })).json().suggestions;
  if (pending.length === 0) return;
  const rejected = await accord.request({
    method: "POST",
    url: `/api/policies/${policyId}/suggestions/decisions`,
    cookie: editorCookie,
    payload: { decision: "reject", suggestionIds: pending.map((suggestion: { id: string }) => suggestion.id) },
  });
  if (rejected.statusCode !== 200) throw new Error(`Could not reject the demo suggestions: ${rejected.body}`);
}
