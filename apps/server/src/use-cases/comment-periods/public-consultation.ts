import { calendarDay, publicationStandings, rejectionCounts, type RejectionReason } from "@accord/domain";
import type { Kysely } from "kysely";
import type { Database } from "../../storage/database.js";
import {
  findLatestCommentPeriod,
  findLatestProposalOfPeriod,
  findNextPeriodBoundary,
  findPeriodOfProposal,
  listOpenCommentPeriods,
  listPublicComments,
  listSectionResponses,
  type CommentPeriodResponseRow,
  type PublicCommentRecord,
} from "../../storage/comment-periods.js";
import { findPolicyBySlug } from "../../storage/policies.js";
import { listPublishedVersions } from "../../storage/public-policies.js";
import { findVersion } from "../../storage/versions.js";
import { commentPeriodView, type CommentPeriodView } from "./period-view.js";
import { versionSections, type VersionSection } from "./version-sections.js";

/** A published comment as the public sees it: its text, section, name as given (or none) and the answer. Nothing private. */
export type PublishedComment = Pick<
  PublicCommentRecord,
  | "id"
  | "section"
  | "body"
  | "quote"
  | "display_name"
  | "organisation"
  | "commenter_kind"
  | "received_at"
  | "duplicate_key"
  | "answered_in_section"
  | "no_response_reason"
>;

/** Everything the public pages of a comment period show. */
export interface PublicConsultation {
  policy: { id: string; slug: string; title: string; summary: string };
  view: CommentPeriodView;
  versionLabel: string;
  canonicalJson: string;
  sections: VersionSection[];
  /** The version in force today (the redline's "before"), or null when none is. */
  inForce: { versionNumber: number; canonicalJson: string } | null;
  published: PublishedComment[];
  rejected: { reason: RejectionReason; label: string; count: number }[];
  /** How many comments are received but not yet decided (pending or held), counted, never shown. */
  awaitingModeration: number;
  responses: CommentPeriodResponseRow[];
  /** The version proposed for sign-off after the period (the redline's "after" for the response), or null before one is. */
  proposed: { versionNumber: number; canonicalJson: string } | null;
}

function publishedOnly(comment: PublicCommentRecord): PublishedComment {
  return {
    id: comment.id,
    section: comment.section,
    body: comment.body,
    quote: comment.quote,
    display_name: comment.display_name,
    organisation: comment.organisation,
    commenter_kind: comment.commenter_kind,
    received_at: comment.received_at,
    duplicate_key: comment.duplicate_key,
    answered_in_section: comment.answered_in_section,
    no_response_reason: comment.no_response_reason,
  };
}

/**
 * The newest comment period of the policy at `slug`, for the public: the commented version, the version
 * in force, the published comments, the rejected ones counted by reason, and the responses once the
 * period has closed. Undefined when the policy has no period (or no such policy exists).
 */
export async function findPublicConsultation(db: Kysely<Database>, slug: string, now: Date): Promise<PublicConsultation | undefined> {
  const policy = await findPolicyBySlug(db, slug);
  if (!policy) return undefined;
  const period = await findLatestCommentPeriod(db, policy.id);
  if (!period) return undefined;
  const version = await findVersion(db, policy.id, period.version_number);
  if (!version) return undefined;
  const view = await commentPeriodView(db, period, now);
  const comments = await listPublicComments(db, period.id, ["published", "rejected", "pending", "held"]);
  const published = await listPublishedVersions(db, slug);
  const standings = publicationStandings(published, calendarDay(now));
  const inForce = published.find((_version, index) => standings[index] === "in_force");
  return {
    policy: { id: policy.id, slug: policy.slug, title: policy.title, summary: policy.summary },
    view,
    versionLabel: version.label,
    canonicalJson: version.canonical_json,
    sections: versionSections(version.canonical_json),
    inForce: inForce ? { versionNumber: inForce.versionNumber, canonicalJson: inForce.canonicalJson } : null,
    published: comments.filter((comment) => comment.status === "published").map(publishedOnly),
    rejected: rejectionCounts(
      comments.filter((comment) => comment.status === "rejected").map((comment) => comment.rejection_reason as RejectionReason),
    ),
    awaitingModeration: comments.filter((comment) => comment.status === "pending" || comment.status === "held").length,
    // The response is the working group's once the period has closed; before, there is none to show.
    responses: view.state === "closed" ? await listSectionResponses(db, period.id) : [],
    proposed: await proposedAfter(db, policy.id, period.id),
  };
}

/** What an approval record says of the comment period its proposal answered, or null when it answered none. */
export interface ConsultationCitation {
  slug: string;
  opensAt: Date;
  closesAt: Date;
  versionNumber: number;
  publishedComments: number;
  respondedSections: number;
}

/** The comment period a proposal answered, for its approval record (page and exports). */
export async function findConsultationCitation(db: Kysely<Database>, proposalId: string): Promise<ConsultationCitation | null> {
  const period = await findPeriodOfProposal(db, proposalId);
  if (!period) return null;
  const policy = await db.selectFrom("policies").select("slug").where("id", "=", period.policy_id).executeTakeFirstOrThrow();
  return {
    slug: policy.slug,
    opensAt: period.opens_at,
    closesAt: period.closes_at,
    versionNumber: period.version_number,
    publishedComments: (await listPublicComments(db, period.id, ["published"])).length,
    respondedSections: (await listSectionResponses(db, period.id)).length,
  };
}

/** The policies open for public comment now, for the public index. */
export async function listOpenForComment(
  db: Kysely<Database>,
  now: Date,
): Promise<{ slug: string; title: string; summary: string; closesAt: Date }[]> {
  return (await listOpenCommentPeriods(db, now)).map((row) => ({
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    closesAt: row.closes_at,
  }));
}

/**
 * The next instant at which what the public pages say may change with no event to announce it: the next
 * UTC midnight (a version's standing goes by the day), or sooner, the next opening or closing of a
 * comment period (the index and a policy's page say "Open for public comment" only while one is open).
 */
export async function nextPublicChange(db: Kysely<Database>, now: Date): Promise<Date> {
  const midnight = new Date(`${calendarDay(now)}T00:00:00.000Z`).getTime() + 24 * 3600 * 1000;
  const boundary = await findNextPeriodBoundary(db, now);
  return new Date(boundary ? Math.min(midnight, boundary.getTime()) : midnight);
}

/** The citation in one sentence, as the exports' approval record prints it. */
export function consultationSentence(citation: ConsultationCitation): string {
  const day = (value: Date) => new Date(value).toISOString().slice(0, 16).replace("T", " ");
  const comments = citation.publishedComments === 1 ? "1 published comment" : `${citation.publishedComments} published comments`;
  const sections = citation.respondedSections === 1 ? "1 section" : `${citation.respondedSections} sections`;
  return `Version ${citation.versionNumber} was open for public comment from ${day(citation.opensAt)} to ${day(citation.closesAt)} UTC; it received ${comments}, and the working group responded on ${sections} (/policies/${citation.slug}/comments).`;
}

async function proposedAfter(db: Kysely<Database>, policyId: string, periodId: string): Promise<PublicConsultation["proposed"]> {
  const proposal = await findLatestProposalOfPeriod(db, periodId);
  const version = proposal ? await findVersion(db, policyId, proposal.version_number) : undefined;
  return version ? { versionNumber: version.number, canonicalJson: version.canonical_json } : null;
}
