import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Database } from "./database.js";
import type { PolicyVersionsTable } from "./tables/versions.js";

export type PolicyVersionRow = Selectable<PolicyVersionsTable>;

/** A version as listings show it: its columns without the content, and its author's name (null when unknown). */
export type VersionSummaryRow = Pick<
  PolicyVersionRow,
  "number" | "label" | "note" | "author_id" | "created_at" | "content_hash" | "word_count" | "words_added" | "words_removed"
> & { author_name: string | null };

const summaryColumns = [
  "policy_versions.number",
  "policy_versions.label",
  "policy_versions.note",
  "policy_versions.author_id",
  "policy_versions.created_at",
  "policy_versions.content_hash",
  "policy_versions.word_count",
  "policy_versions.words_added",
  "policy_versions.words_removed",
  "users.display_name as author_name",
] as const;

/** Every version of a policy, newest first. */
export async function listVersionSummaries(db: Kysely<Database>, policyId: string): Promise<VersionSummaryRow[]> {
  return db
    .selectFrom("policy_versions")
    .leftJoin("users", "users.id", "policy_versions.author_id")
    .select(summaryColumns)
    .where("policy_versions.policy_id", "=", policyId)
    .orderBy("policy_versions.number", "desc")
    .execute();
}

/** One version with its content, or undefined. */
export async function findVersion(
  db: Kysely<Database>,
  policyId: string,
  number: number,
): Promise<(PolicyVersionRow & { author_name: string | null }) | undefined> {
  const row = await db
    .selectFrom("policy_versions")
    .leftJoin("users", "users.id", "policy_versions.author_id")
    .selectAll("policy_versions")
    .select("users.display_name as author_name")
    .where("policy_versions.policy_id", "=", policyId)
    .where("policy_versions.number", "=", number)
    .executeTakeFirst();
  if (!row) return undefined;
  const state = row.yjs_state;
  return { ...row, yjs_state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength) };
}

/** The newest version of a policy (number, hash and content), or undefined when it has none. */
export async function findLatestVersion(
  db: Kysely<Database>,
  policyId: string,
): Promise<Pick<PolicyVersionRow, "number" | "content_hash" | "canonical_json"> | undefined> {
  return db
    .selectFrom("policy_versions")
    .select(["number", "content_hash", "canonical_json"])
    .where("policy_id", "=", policyId)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The number of the oldest version of a policy with exactly this content hash, or undefined when none has it. */
export async function findVersionNumberWithHash(db: Kysely<Database>, policyId: string, hash: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("policy_versions")
    .select("number")
    .where("policy_id", "=", policyId)
    .where("content_hash", "=", hash)
    .orderBy("number")
    .limit(1)
    .executeTakeFirst();
  return row?.number;
}

/**
 * Takes the per-policy lock under which version numbers are given, until the transaction ends: two
 * concurrent saves then number one after the other, and the second sees the first.
 */
export async function lockVersionNumbering(trx: Kysely<Database>, policyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`policy_versions:${policyId}`}))`.execute(trx);
}

/** Inserts a version (numbering under lockVersionNumbering). */
export async function insertVersion(trx: Kysely<Database>, version: Insertable<PolicyVersionsTable>): Promise<PolicyVersionRow> {
  return trx.insertInto("policy_versions").values(version).returningAll().executeTakeFirstOrThrow();
}
