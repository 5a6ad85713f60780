import {
  acceptedDocument,
  collectSuggestions,
  hasSuggestions,
  numberSections,
  sectionAt,
  type parsePolicyDocument,
  type PolicyNodeJSON,
} from "@accord/policy-schema";
import type { PendingSuggestionNote } from "./redline-types.js";

// Pending suggestions are not policy text (an editor has yet to accept or reject them), so a redline
// compares each side as it stands without them: suggested insertions left out, text suggested for
// deletion kept. Shown as inserted or deleted words, a suggestion would read as a change already
// made, and would count in the words a version added. They are listed apart instead, by section.

/**
 * One side of a redline as it is compared: the document without its pending suggestions (the JSON
 * as given when it has none) and notes of the suggestions left out.
 */
export function withoutPendingSuggestions(
  json: PolicyNodeJSON,
  node: ReturnType<typeof parsePolicyDocument>,
  side: PendingSuggestionNote["side"],
): { doc: PolicyNodeJSON; pending: PendingSuggestionNote[] } {
  if (!hasSuggestions(node)) return { doc: json, pending: [] };
  const sections = numberSections(node);
  const pending = collectSuggestions(node).map((suggestion): PendingSuggestionNote => {
    const section = sectionAt(sections, suggestion.from) ?? undefined;
    return {
      side,
      kind: suggestion.kind,
      text: suggestion.text,
      affiliation: suggestion.affiliation,
      ...(section === undefined ? {} : { section }),
    };
  });
  return { doc: acceptedDocument(node).toJSON() as PolicyNodeJSON, pending };
}
