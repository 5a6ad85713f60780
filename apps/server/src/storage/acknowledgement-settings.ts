import type { Kysely, Selectable } from "kysely";
import type { Database } from "./database.js";
import type { AcknowledgementEditorialVersionsTable } from "./tables/acknowledgements.js";

export type EditorialVersionRow = Selectable<AcknowledgementEditorialVersionsTable>;

/** Marks a version "editorial, no new acknowledgement"; false when it already was. */
export async function insertEditorialVersion(
  trx: Kysely<Database>,
  row: { policyId: string; versionNumber: number; reason: string; markedBy: string; markedAt: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("acknowledgement_editorial_versions")
    .values({
      policy_id: row.policyId,
      version_number: row.versionNumber,
      reason: row.reason,
      marked_by: row.markedBy,
      marked_at: row.markedAt,
    })
    .onConflict((conflict) => conflict.columns(["policy_id", "version_number"]).doNothing())
    .returning("version_number")
    .execute();
  return inserted.length === 1;
}

export async function findEditorialVersion(
  db: Kysely<Database>,
  policyId: string,
  versionNumber: number,
): Promise<EditorialVersionRow | undefined> {
  return db
    .selectFrom("acknowledgement_editorial_versions")
    .selectAll()
    .where("policy_id", "=", policyId)
    .where("version_number", "=", versionNumber)
    .executeTakeFirst();
}

/** Whether the policy's public page shows the acknowledgement counts (off unless turned on). */
export async function findPublicCountsEnabled(db: Kysely<Database>, policyId: string): Promise<boolean> {
  const row = await db.selectFrom("acknowledgement_public_counts").select("enabled").where("policy_id", "=", policyId).executeTakeFirst();
  return row?.enabled ?? false;
}

export async function savePublicCountsEnabled(
  trx: Kysely<Database>,
  policyId: string,
  enabled: boolean,
  changedBy: string,
  now: Date,
): Promise<void> {
  await trx
    .insertInto("acknowledgement_public_counts")
    .values({ policy_id: policyId, enabled, changed_by: changedBy, changed_at: now })
    .onConflict((conflict) => conflict.column("policy_id").doUpdateSet({ enabled, changed_by: changedBy, changed_at: now }))
    .execute();
}

/** The versions marked editorial, of one policy or of all, oldest version first. */
export async function listEditorialVersions(db: Kysely<Database>, policyId?: string): Promise<EditorialVersionRow[]> {
  let query = db.selectFrom("acknowledgement_editorial_versions").selectAll();
  if (policyId) query = query.where("policy_id", "=", policyId);
  return query.orderBy("policy_id").orderBy("version_number").execute();
}
