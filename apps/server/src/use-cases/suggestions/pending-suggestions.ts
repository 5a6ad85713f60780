import { AccordError } from "@accord/domain";
import { collectSuggestions, policySchema } from "@accord/policy-schema";

/**
 * Refuses (409 suggestions_pending) a version that still holds pending suggestions: they are not
 * accepted text, so such a version can be saved and read, but never proposed for sign-off nor
 * published. The migration 0007 trigger refuses such a publication again in the database.
 */
export function assertNoPendingSuggestions(version: { number: number; canonical_json: string }): void {
  const pending = collectSuggestions(policySchema.nodeFromJSON(JSON.parse(version.canonical_json))).length;
  if (pending === 0) return;
  throw new AccordError(
    "suggestions_pending",
    `Version ${version.number} still has ${pending} pending suggestion${pending === 1 ? "" : "s"}: accept or reject them, then save a new version.`,
  );
}
