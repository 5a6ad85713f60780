import type { VersionSummary } from "@accord/api-contract";

/**
 * The compare page's address says what to compare: `?from=<n|draft>&to=<n|draft>`. These functions read
 * and write that query, so links, the compare form and the page agree on one spelling.
 */

/** One side of a comparison: a version number or the live draft. */
export type CompareSide = number | "draft";

/** What the compare page should show, read from its query. */
export type CompareRequest =
  { ok: true; from: CompareSide; to: CompareSide } | { ok: false; problem: string; from: CompareSide | null; to: CompareSide | null };

// The server accepts the same shape (up to seven digits, no leading zero), so a side this accepts is
// never refused there as malformed; it can only be a version that does not exist.
const versionNumberPattern = /^[1-9][0-9]{0,6}$/;

/** "draft" → "draft", "3" → 3; anything else (empty, "0", "03", "banana") → null. */
export function parseCompareSide(value: string | undefined): CompareSide | null {
  if (value === "draft") return "draft";
  if (value !== undefined && versionNumberPattern.test(value)) return Number(value);
  return null;
}

/** A version number from a path segment ("3"), or null when it is not one. */
export function parseVersionNumber(value: string | undefined): number | null {
  const side = parseCompareSide(value);
  return typeof side === "number" ? side : null;
}

/**
 * Reads the compare query. A missing side takes its default: "from" the newest version, "to" the
 * current draft, which is what people most often want to see ("what changed since we last saved?").
 * A side that is present but malformed is a problem to show, not something to guess around.
 */
export function readCompareQuery(query: Record<string, string | undefined>, newestVersion: number | null): CompareRequest {
  const fromText = query["from"];
  const toText = query["to"];
  const from = fromText === undefined || fromText === "" ? newestVersion : parseCompareSide(fromText);
  const to = toText === undefined || toText === "" ? "draft" : parseCompareSide(toText);
  if (from === null && (fromText === undefined || fromText === "")) {
    return { ok: false, problem: "No version has been saved yet, so there is nothing to compare the draft with.", from, to };
  }
  if (from === null || to === null) {
    return {
      ok: false,
      problem: "This address names something to compare that is not a version number or the current draft. Choose both sides below.",
      from,
      to,
    };
  }
  return { ok: true, from, to };
}

/** The query string of a comparison, with its leading "?". */
export function compareSearch(from: CompareSide, to: CompareSide): string {
  return `?${new URLSearchParams({ from: String(from), to: String(to) })}`;
}

/** How one side is named to people: "Version 3: Before my change", or "Current draft". */
export function sideLabel(side: CompareSide, versions: readonly VersionSummary[]): string {
  if (side === "draft") return "Current draft";
  const version = versions.find((candidate) => candidate.number === side);
  return version ? `Version ${version.number}: ${version.label}` : `Version ${side}`;
}

/** The choices of the compare form's selects: every version, newest first, then the current draft. */
export function compareChoices(versions: readonly VersionSummary[]): (readonly [value: string, label: string])[] {
  return [...versions.map((version) => [String(version.number), sideLabel(version.number, versions)] as const), ["draft", "Current draft"]];
}
