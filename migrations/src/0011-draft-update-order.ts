import { sql, type Kysely } from "kysely";

/**
 * Each draft's updates get a sequence of their own, `doc_seq`, so that "every update of this draft after
 * N" is exact with several writing processes. The global identity `seq` cannot promise it: identity
 * values are handed out at insert, and two transactions may commit in the other order, so a reader that
 * saw N could later find a smaller number it never read. `doc_seq` is assigned under a per-draft lock
 * held until commit, so a draft's numbers commit in order with no hole.
 *
 * `draft_documents.compacted_seq` counts in `doc_seq` from now on. Existing rows are numbered in `seq`
 * order per policy, continuing from the snapshot's `compacted_seq` (every row left in the log lies after
 * it, as compaction deletes what it folds in the same transaction), so the snapshot keeps its meaning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("draft_updates").addColumn("doc_seq", "bigint").execute();
  await sql`
    update draft_updates as u
    set doc_seq = coalesce(d.compacted_seq, 0) + numbered.position
    from (select seq, row_number() over (partition by policy_id order by seq) as position from draft_updates) as numbered,
      draft_updates as same
      left join draft_documents as d on d.policy_id = same.policy_id
    where numbered.seq = u.seq and same.seq = u.seq
  `.execute(db);
  await db.schema
    .alterTable("draft_updates")
    .alterColumn("doc_seq", (col) => col.setNotNull())
    .execute();
  await db.schema.alterTable("draft_updates").addUniqueConstraint("draft_updates_policy_doc_seq", ["policy_id", "doc_seq"]).execute();
  await db.schema.dropIndex("draft_updates_policy_seq").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("draft_updates_policy_seq").on("draft_updates").columns(["policy_id", "seq"]).execute();
  await db.schema.alterTable("draft_updates").dropConstraint("draft_updates_policy_doc_seq").execute();
  await db.schema.alterTable("draft_updates").dropColumn("doc_seq").execute();
}
