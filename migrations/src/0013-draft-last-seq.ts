import { sql, type Kysely } from "kysely";

/**
 * Each draft's last sequence number (`doc_seq`) kept on its `draft_documents` row, `last_seq`, so that a
 * commit numbers its updates by bumping that one row (`update … set last_seq = last_seq + n returning`)
 * instead of reading `max(doc_seq)` of the log under an advisory lock: the bump's row lock orders the
 * writers of one draft until commit, across processes, as the advisory lock did, and it is one statement
 * where there were two (and the `max()` was most of a commit's work on the embedded database).
 *
 * Backfilled as the larger of the snapshot's `compacted_seq` and the log's last `doc_seq` (the log may be
 * empty after a compaction). A fresh draft starts at 0, as `compacted_seq` does; `last_seq` never falls
 * behind the snapshot (a compaction only folds committed updates), which the check states.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("draft_documents")
    .addColumn("last_seq", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`
    update draft_documents as d
    set last_seq = greatest(d.compacted_seq, coalesce((select max(u.doc_seq) from draft_updates as u where u.policy_id = d.policy_id), 0))
  `.execute(db);
  await db.schema
    .alterTable("draft_documents")
    .addCheckConstraint("draft_documents_last_seq_covers_snapshot", sql`last_seq >= compacted_seq`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("draft_documents").dropConstraint("draft_documents_last_seq_covers_snapshot").execute();
  await db.schema.alterTable("draft_documents").dropColumn("last_seq").execute();
}
