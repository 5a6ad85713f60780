import type { Kysely } from "kysely";
import type { PolicyNodeJSON } from "@accord/policy-schema";
import type { VersionExport } from "../../exports/version-export.js";
import type { Database } from "../../storage/database.js";
import { findApprovalRecord } from "../proposals/approval-record.js";

/**
 * Everything an export of one version prints, loaded once for every way to get the file: the app's
 * export (for members) and the public site's PDF (for anyone) call this same function, so the two
 * files of one version tell one history: saved when and by whom, approved how, published when, in
 * effect from. The saver's name is printed for the public too: like the names of the members who
 * signed off, which the public page shows, it says who in the working group wrote the approved text.
 * A published version carries the title it was published with (as the public page does); any other
 * the policy's current title. Null when the policy has no such version. No access check: callers
 * decide who may see the version (a member, or anyone once it is published).
 */
export async function findVersionExport(db: Kysely<Database>, policyId: string, versionNumber: number): Promise<VersionExport | null> {
  const row = await db
    .selectFrom("policy_versions")
    .innerJoin("policies", "policies.id", "policy_versions.policy_id")
    .leftJoin("users", "users.id", "policy_versions.author_id")
    .select([
      "policies.title as policyTitle",
      "policies.slug as policySlug",
      "policy_versions.number",
      "policy_versions.label",
      "policy_versions.created_at as createdAt",
      "policy_versions.content_hash as contentHash",
      "policy_versions.canonical_json as canonicalJson",
      "users.display_name as authorName",
    ])
    .where("policy_versions.policy_id", "=", policyId)
    .where("policy_versions.number", "=", versionNumber)
    .executeTakeFirst();
  if (!row) return null;
  const publication = await db
    .selectFrom("publications")
    .select("title")
    .where("policy_id", "=", policyId)
    .where("version_number", "=", versionNumber)
    .orderBy("published_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    policyTitle: publication?.title ?? row.policyTitle,
    policySlug: row.policySlug,
    versionNumber: row.number,
    versionLabel: row.label,
    savedAt: new Date(row.createdAt),
    authorName: row.authorName ?? "Unknown",
    contentHash: row.contentHash,
    document: JSON.parse(row.canonicalJson) as PolicyNodeJSON,
    approval: await findApprovalRecord(db, policyId, versionNumber),
  };
}
