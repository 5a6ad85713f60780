import type { Redline, RedlineResult, RestoreResult, VersionDetail, VersionSummary } from "@accord/api-contract";
import { renderRedlineHtml } from "@accord/policy-diff";
import { renderPolicyHtml } from "@accord/policy-render";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { VersionSummary as StoredVersionSummary } from "../storage/versions.js";
import type { PolicyRedline } from "../use-cases/versions/get-redline.js";
import type { LoadedVersion } from "../use-cases/versions/get-version.js";
import type { RestoreResult as RestoreOutcome } from "../use-cases/versions/restore-version.js";
import { asContract } from "./readonly-values.js";

/** One saved version as the timeline lists it. */
export function presentVersionSummary(version: StoredVersionSummary): VersionSummary {
  return {
    number: version.number,
    label: version.label,
    note: version.note,
    authorId: version.authorId,
    authorName: version.authorName,
    createdAt: version.createdAt,
    contentHash: version.contentHash,
    wordCount: version.wordCount,
    wordsAdded: version.wordsAdded,
    wordsRemoved: version.wordsRemoved,
  };
}

/** One version with its content and Accord's own escaped HTML rendering of it. */
export function presentVersion({ version, content }: LoadedVersion): VersionDetail {
  return {
    number: version.number,
    label: version.label,
    note: version.note,
    authorId: version.author_id,
    authorName: version.author_name,
    createdAt: new Date(version.created_at).toISOString(),
    contentHash: version.content_hash,
    wordCount: version.word_count,
    wordsAdded: version.words_added,
    wordsRemoved: version.words_removed,
    content: asContract<VersionDetail["content"]>(content as unknown as PolicyNodeJSON),
    html: renderPolicyHtml(content as unknown as PolicyNodeJSON),
  };
}

/** What a restore did. */
export function presentRestore(result: RestoreOutcome): RestoreResult {
  return { restored: result.restored, savedVersion: result.savedVersion ? presentVersionSummary(result.savedVersion) : null };
}

/** A redline between two sides, with people's labels of the sides and its HTML. */
export function presentRedline(result: PolicyRedline): RedlineResult {
  return {
    from: result.fromLabel,
    to: result.toLabel,
    summaryText: result.redline.summaryText,
    redline: asContract<Redline>(result.redline),
    html: renderRedlineHtml(result.redline),
  };
}
