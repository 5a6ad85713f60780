import type { Redline, RedlineResult, RestoreResult, VersionDetail, VersionSummary } from "@accord/api-contract";
import { renderRedlineHtml } from "@accord/policy-diff";
import { renderPolicyHtml } from "@accord/policy-render";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { VersionSummaryRow } from "../storage/versions.js";
import type { PolicyRedline } from "../use-cases/versions/get-redline.js";
import type { LoadedVersion } from "../use-cases/versions/get-version.js";
import type { RestoreResult as RestoreOutcome } from "../use-cases/versions/restore-version.js";
import { asContract } from "./readonly-values.js";

/** One saved version as the timeline lists it. */
export function presentVersionSummary(row: VersionSummaryRow): VersionSummary {
  return {
    number: row.number,
    label: row.label,
    note: row.note,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: new Date(row.created_at).toISOString(),
    contentHash: row.content_hash,
    wordCount: row.word_count,
    wordsAdded: row.words_added,
    wordsRemoved: row.words_removed,
  };
}

/** One version with its content and Accord's own escaped HTML rendering of it. */
export function presentVersion({ version, content }: LoadedVersion): VersionDetail {
  return {
    ...presentVersionSummary(version),
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
