import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { ApprovalRecord, VersionExport } from "./version-export.js";

// What the three exporters print around the policy text (the version's facts and its approval
// record), worded once here so that the Markdown, Word and PDF files never disagree.

// C0 and C1 control characters other than tab and line breaks have no printed form; several
// (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F) are not even allowed in the XML of a .docx,
// where one of them would make Word refuse the whole file. U+FFFE and U+FFFF are not XML either.
const unprintable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
// A lone surrogate cannot be written as UTF-8 (XML) nor mapped to a glyph (PDF).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as it can be printed: control characters dropped, broken surrogates replaced, and tabs and
 * line breaks turned into spaces (in a text node they are not line breaks: a browser shows them as
 * spaces too, and a raw line break in Markdown could start a heading or a list).
 */
export function printableText(text: string): string {
  return text
    .replace(unprintable, "")
    .replace(loneSurrogate, "\ufffd")
    .replace(/[\t\n\r]/g, " ");
}

/** A one-line field (a title, a name): printable, whitespace collapsed, trimmed. */
export function fieldText(text: string): string {
  return printableText(text).replace(/\s+/g, " ").trim();
}

/**
 * A version's time, in UTC, e.g. "2025-03-14 15:09 UTC". UTC and a fixed format, rather than the
 * server's time zone and locale, so that the same version always exports to the same text.
 */
export function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The line printed under the title, e.g. "Version 3 — Draft for board review". */
export function versionHeadline(version: VersionExport): string {
  const label = fieldText(version.versionLabel);
  return label === "" ? `Version ${version.versionNumber}` : `Version ${version.versionNumber} — ${label}`;
}

/**
 * The mark of a version that is not approved, printed on every page of its PDF, in its Word file's
 * page header, and at the top of its HTML and Markdown files: a saved version reads like policy, and a
 * printed draft must not pass for the approved text.
 */
export const draftMark = "Draft — not approved";

/** The sentence that follows the draft mark where there is room for it (the HTML and Markdown notice, the PDF's first page). */
export const draftExplanation = "This version has not been approved by the required bodies and is not policy in force.";

/**
 * Whether a version's exports carry the draft mark: every version without an approval record, which
 * is only found once a proposal of exactly this version was approved (or published).
 */
export function isUnapprovedDraft(version: Pick<VersionExport, "approval">): boolean {
  return version.approval === null;
}

/** One labelled fact about a version, such as who saved it or its content hash. */
export interface ExportFact {
  readonly label: string;
  readonly value: string;
  /** Whether the value is machine text (the hash), best shown in a monospace font. */
  readonly monospace: boolean;
}

/** The label of the fact naming the person who saved the version. */
export const savedByLabel = "Saved by";

/** The label of the content hash fact, so tests and readers can find it. */
export const contentHashLabel = "SHA-256 content hash";

/** The label of the pending-suggestions fact, printed only for a version that still has some. */
export const pendingSuggestionsLabel = "Pending suggestions";

/** How many distinct pending suggestions (insertion or deletion marks, by kind and id) a document holds. */
export function countPendingSuggestions(document: PolicyNodeJSON): number {
  const keys = new Set<string>();
  const visit = (node: PolicyNodeJSON): void => {
    for (const mark of node.marks ?? []) {
      if (mark.type === "insertion" || mark.type === "deletion") keys.add(`${mark.type}:${String(mark.attrs?.["id"])}`);
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(document);
  return keys.size;
}

/** The facts printed in every export's header block, in order; an empty one (no label) is left out. */
export function versionFacts(version: VersionExport): ExportFact[] {
  const pending = countPendingSuggestions(version.document);
  const facts: ExportFact[] = [
    { label: "Policy", value: `${fieldText(version.policyTitle)} (${fieldText(version.policySlug)})`, monospace: false },
    { label: "Version", value: String(version.versionNumber), monospace: false },
    { label: "Label", value: fieldText(version.versionLabel), monospace: false },
    { label: "Saved", value: formatTimestamp(version.savedAt), monospace: false },
    // Who saved the version, which is not who wrote its text: a version holds everyone's work.
    { label: savedByLabel, value: fieldText(version.authorName), monospace: false },
    // Lowercase, as canonicalizeDocument writes it, so a reader can compare it with `sha256sum`.
    { label: contentHashLabel, value: version.contentHash.toLowerCase(), monospace: true },
    // A saved version may still hold suggestions; the reader must know they are not policy text.
    {
      label: pendingSuggestionsLabel,
      value:
        pending === 0
          ? ""
          : `${pending}, marked in the text as suggested insertions and deletions: they are not part of the policy until an editor accepts them`,
      monospace: false,
    },
  ];
  return facts.filter((fact) => fact.value !== "");
}

/** A titled group of lines of the approval record, e.g. the bodies' decisions. */
export interface ApprovalGroup {
  readonly title: string;
  readonly lines: readonly string[];
}

/** The approval record as printed: a one-line status, then its groups (empty ones left out). */
export interface ApprovalSummary {
  readonly status: string;
  readonly groups: readonly ApprovalGroup[];
}

/** The heading of the approval record in every export. */
export const approvalHeading = "Approval record";

/** The status printed for a version that has no approval record yet. */
export const notYetApproved = "Not yet approved.";

const listFormat = new Intl.ListFormat("en-US", { style: "long", type: "conjunction" });

function approvalStatus(record: ApprovalRecord): string {
  const bodiesThat = (decision: "approved" | "rejected"): string[] =>
    record.decisions.filter((entry) => entry.decision === decision).map((entry) => fieldText(entry.body));
  const rejectedBy = bodiesThat("rejected");
  const approvedBy = bodiesThat("approved");
  // A rejection outweighs any approval: the version did not pass, whoever else approved it.
  if (rejectedBy.length > 0) return `Rejected by ${listFormat.format(rejectedBy)}.`;
  if (approvedBy.length > 0) return `Approved by ${listFormat.format(approvedBy)}.`;
  return "No approving body has decided yet.";
}

/** The approval record of a version as status and lines, or "Not yet approved." for null. */
export function approvalSummary(record: ApprovalRecord | null): ApprovalSummary {
  if (record === null) return { status: notYetApproved, groups: [] };
  const signOffs = record.signOffs.map((entry) => `${fieldText(entry.affiliation)}: ${listFormat.format(entry.names.map(fieldText))}`);
  // The same record as the public page: the decision, its date and meeting, the vote and the reason.
  const decisions = record.decisions.map((entry) => {
    const tally = entry.voteTally;
    const reason = fieldText(entry.reason);
    return (
      `${fieldText(entry.body)}: ${entry.decision} on ${fieldText(entry.decidedOn)}, ` +
      `meeting reference ${fieldText(entry.meetingReference)}, recorded by ${fieldText(entry.representative)}.` +
      (tally === undefined ? "" : ` Vote: ${tally.for} for, ${tally.against} against, ${tally.abstain} abstaining.`) +
      (reason === "" ? "" : ` Reason: ${reason}`)
    );
  });
  const publication = [
    ...(record.publishedOn === undefined ? [] : [`Published on ${fieldText(record.publishedOn)}`]),
    ...(record.effectiveOn === undefined ? [] : [`Effective on ${fieldText(record.effectiveOn)}`]),
  ];
  const groups: ApprovalGroup[] = [
    { title: "Working-group sign-offs", lines: signOffs },
    { title: "Decisions of the approving bodies", lines: decisions },
    { title: "Publication", lines: publication },
    { title: "Public comment period", lines: record.publicComment === undefined ? [] : [fieldText(record.publicComment)] },
  ];
  return { status: approvalStatus(record), groups: groups.filter((group) => group.lines.length > 0) };
}
