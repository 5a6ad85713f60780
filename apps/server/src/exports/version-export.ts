import type { PolicyNodeJSON } from "@accord/policy-schema";

/** One affiliation's working-group sign-offs on a proposed version. */
export interface WorkingGroupSignOff {
  /** The affiliation as it should be printed, e.g. "Police" or "Community organisation". */
  readonly affiliation: string;
  /** The names of the members of that affiliation who signed off, in the order they did. */
  readonly names: readonly string[];
}

/** One approving body's decision on a version, as its representative recorded it. */
export interface BodyDecision {
  /** The body, e.g. "Board of Police Commissioners". */
  readonly body: string;
  readonly decision: "approved" | "rejected";
  /** The date of the decision, as an ISO date ("2025-04-02"). */
  readonly decidedOn: string;
  /** The meeting at which the body decided, e.g. "Regular meeting 2025-07, item 4". */
  readonly meetingReference: string;
  /** The representative who recorded the decision. */
  readonly representative: string;
  /** The body's reason for its decision, as the public page shows it. */
  readonly reason: string;
  /** How the body voted, when its representative recorded the count. */
  readonly voteTally?: { readonly for: number; readonly against: number; readonly abstain: number } | undefined;
}

/** The approval record printed with a version: sign-offs, the bodies' decisions, publication. */
export interface ApprovalRecord {
  readonly signOffs: readonly WorkingGroupSignOff[];
  readonly decisions: readonly BodyDecision[];
  /** ISO date on which the version was published, if it was. */
  readonly publishedOn?: string | undefined;
  /** ISO date on which the published version takes effect, if set. */
  readonly effectiveOn?: string | undefined;
  /** The public comment period the approved proposal answered, in one sentence (issue 17), if any. */
  readonly publicComment?: string | undefined;
}

/**
 * Everything an export of one saved policy version prints. The exporters are pure: whoever calls
 * them (a route, a CLI) loads this from storage; nothing here touches the database or HTTP.
 */
export interface VersionExport {
  readonly policyTitle: string;
  readonly policySlug: string;
  readonly versionNumber: number;
  /** The version's label, e.g. "Draft for board review". */
  readonly versionLabel: string;
  /** When the version was saved. */
  readonly savedAt: Date;
  /** The person who saved the version (printed as "Saved by": a version holds everyone's text). */
  readonly authorName: string;
  /** SHA-256 of the version's canonical JSON, 64 hex digits (see canonicalizeDocument). */
  readonly contentHash: string;
  /** The version's ProseMirror JSON in the policy schema. */
  readonly document: PolicyNodeJSON;
  /** Null until the version is approved. */
  readonly approval: ApprovalRecord | null;
}

/**
 * Throws a RangeError, naming the field, unless the version's scalar fields can be printed
 * honestly. The hash is checked for form only: the caller passes the hash it stored with the
 * version, and an export that printed a truncated or mangled hash would be worse than none.
 */
export function assertExportableVersion(version: VersionExport): void {
  if (!/^[0-9a-f]{64}$/i.test(version.contentHash)) {
    throw new RangeError(`contentHash must be 64 hexadecimal digits (a SHA-256), got ${JSON.stringify(version.contentHash)}.`);
  }
  if (!Number.isSafeInteger(version.versionNumber) || version.versionNumber < 1) {
    throw new RangeError(`versionNumber must be a positive integer, got ${String(version.versionNumber)}.`);
  }
  if (!(version.savedAt instanceof Date) || Number.isNaN(version.savedAt.getTime())) {
    throw new RangeError("savedAt must be a valid Date.");
  }
}
