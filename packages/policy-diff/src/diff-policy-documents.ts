import { withoutDisallowedLinks } from "@accord/policy-render";
import { numberSectionsJSON, parsePolicyDocument, type PolicyNodeJSON } from "@accord/policy-schema";
import { alignBlocks } from "./align.js";
import { flattenDocument } from "./blocks.js";
import { buildChanges, countChanges } from "./build-changes.js";
import { withoutPendingSuggestions } from "./pending-suggestions.js";
import type { PendingSuggestionNote, Redline } from "./redline-types.js";
import { describeSummary, summarizeSections } from "./summary.js";

// Each document is validated, so only content of the policy schema reaches a redline. The parsed
// node itself is not needed: flattening already reads two spellings of the same content (adjacent
// text nodes with equal marks, marks in another order, a default attribute left out) as the same
// blocks, and skipping ProseMirror's toJSON saves a good part of the time a large redline takes.
// Links that the renderer would show as plain words are compared as plain words too. Pending
// suggestions are set aside (see pending-suggestions.ts).
function validated(json: PolicyNodeJSON, side: PendingSuggestionNote["side"]) {
  const withSafeLinks = withoutDisallowedLinks(json) as PolicyNodeJSON;
  return withoutPendingSuggestions(withSafeLinks, parsePolicyDocument(withSafeLinks), side);
}

/**
 * The redline between two versions of a policy document: every block of `after` in order with
 * what happened to it (unchanged, inserted, modified with a word-level diff, moved from another
 * section) and the deleted blocks of `before` where they stood; word and block counts; and a
 * summary by section number. Section numbers are computed, so a section that was only renumbered
 * compares equal and is not reported. Pending suggestions of either side are not part of its text:
 * they are left out of the comparison and listed in `pendingSuggestions`. Throws
 * InvalidPolicyDocumentError if either document is not of the policy schema.
 */
export function diffPolicyDocuments(before: PolicyNodeJSON, after: PolicyNodeJSON): Redline {
  const { doc: beforeDoc, pending: pendingBefore } = validated(before, "before");
  const { doc: afterDoc, pending: pendingAfter } = validated(after, "after");
  const aligned = alignBlocks(flattenDocument(beforeDoc, "b"), flattenDocument(afterDoc, "a"));
  const changes = buildChanges(aligned);
  const summary = summarizeSections(changes, numberSectionsJSON(beforeDoc), numberSectionsJSON(afterDoc));
  const pendingSuggestions = [...pendingBefore, ...pendingAfter];
  return {
    changes,
    stats: countChanges(changes),
    summary,
    summaryText: describeSummary(summary),
    ...(pendingSuggestions.length === 0 ? {} : { pendingSuggestions }),
  };
}
