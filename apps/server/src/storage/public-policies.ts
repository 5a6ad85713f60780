import type { Kysely } from "kysely";
import type { ProposalState } from "@accord/workflow";
import type { Database } from "./database.js";

/**
 * A published version as the public sees it: the title, summary and text as published, hash, effective
 * date, and the record of its approval. Only the slug (the address) is the policy's current one.
 */
export interface PublishedVersion {
  policyId: string;
  slug: string;
  title: string;
  summary: string;
  versionNumber: number;
  versionLabel: string;
  contentHash: string;
  canonicalJson: string;
  effectiveDate: string;
  publishedAt: Date;
  proposal: ProposalState;
}

function publishedQuery(db: Kysely<Database>) {
  return db
    .selectFrom("publications")
    .innerJoin("policies", "policies.id", "publications.policy_id")
    .innerJoin("policy_versions", (join) =>
      join
        .onRef("policy_versions.policy_id", "=", "publications.policy_id")
        .onRef("policy_versions.number", "=", "publications.version_number"),
    )
    .innerJoin("proposals", "proposals.id", "publications.proposal_id")
    .select([
      "policies.id as policyId",
      "policies.slug",
      // The title and summary as published, never the policy's current ones: an edit is public only
      // with the next publication, like the text.
      "publications.title",
      "publications.summary",
      "publications.version_number as versionNumber",
      "policy_versions.label as versionLabel",
      "publications.content_hash as contentHash",
      "policy_versions.canonical_json as canonicalJson",
      "publications.effective_date as effectiveDate",
      "publications.published_at as publishedAt",
      "proposals.state as proposal",
    ]);
}

/** Every publication of a policy by slug, newest first. Only published text. */
export async function listPublishedVersions(db: Kysely<Database>, slug: string): Promise<PublishedVersion[]> {
  return publishedQuery(db).where("policies.slug", "=", slug).orderBy("publications.published_at", "desc").execute();
}

/** Every publication of every policy, newest first, for the public index (which shows what is in force today). */
export async function listEveryPublication(db: Kysely<Database>): Promise<PublishedVersion[]> {
  return publishedQuery(db).orderBy("publications.published_at", "desc").execute();
}

/** Every publication of every policy, newest first (for the Atom feed). */
export async function listAllPublications(db: Kysely<Database>, limit = 100): Promise<PublishedVersion[]> {
  return publishedQuery(db).orderBy("publications.published_at", "desc").limit(limit).execute();
}
