import { sql, type Kysely } from "kysely";
import * as Y from "yjs";
import { appendAuditEvent, type AuditRecord } from "./audit-events.js";
import type { Database } from "./database.js";

/**
 * A stored draft: the snapshot, the sequence number it covers, and the updates after it, in commit order.
 * Sequence numbers are the draft's own (`doc_seq`): dense, and committed in order by every process.
 */
export interface StoredDraft {
  state: Uint8Array;
  /** The last update folded into `state` (0 before the first compaction). */
  compactedSeq: number;
  updates: { seq: number; update: Uint8Array }[];
}

/**
 * More rows a server-made change writes in the transaction that commits its update (the decisions on
 * suggestions), so that the update, its audit record and these rows commit together or not at all.
 * It runs again if the batch is retried, so it must write the same rows each time it is called.
 */
export type WriteWithUpdate = (trx: Kysely<Database>) => Promise<void>;

/** One update to commit, with the audit record (and any other rows) of a server-made change to commit with it. */
export interface DraftWrite {
  policyId: string;
  update: Uint8Array;
  audit?: AuditRecord;
  alsoWrite?: WriteWithUpdate;
}

/**
 * Where drafts are kept: the port through which the collaboration server's documents load, commit and
 * fold their updates (as Hocuspocus's database extension's fetch and store). `createDraftStore` is the
 * one over the database; unit tests use one in memory, and app tests wrap this one to delay or fail it.
 */
export interface DraftStore {
  /** The snapshot and the committed updates after it, or undefined when the policy has no draft. */
  load(policyId: string): Promise<StoredDraft | undefined>;
  /** Commits updates in order, with their rows, in one transaction; resolves with their sequence numbers. */
  append(writes: readonly DraftWrite[]): Promise<number[]>;
  /** Replaces the snapshot by `state`, which covers every update up to `throughSeq`, and drops those updates. */
  compact(policyId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * The committed updates of a draft after `afterSeq`, in order and with no hole; undefined when a
   * compaction has already folded some of them into the snapshot (then `load` gives the whole draft).
   */
  updatesAfter(policyId: string, afterSeq: number): Promise<StoredUpdate[] | undefined>;
  /** The sequence number of each draft's last committed update (a cheap "has it moved?" for a relay). */
  latestSeqs(policyIds: readonly string[]): Promise<Map<string, number>>;
}

/** One committed update and its place in its draft's sequence. */
export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
}

/** Options of the draft store over the database. */
export interface DraftStoreOptions {
  /**
   * Also announce each commit with PostgreSQL NOTIFY on `draftUpdatesChannel` (payload
   * `<policyId>:<seq>`, the batch's last), for the relay between processes when Redis is down.
   */
  notify?: boolean;
}

/** The NOTIFY channel on which committed draft updates are announced (document and sequence only). */
export const draftUpdatesChannel = "accord_draft_updates";

/** The draft store over the database: the functions below, with the clock that dates a compaction. */
export function createDraftStore(db: Kysely<Database>, now: () => Date, options: DraftStoreOptions = {}): DraftStore {
  return {
    load: (policyId) => loadStoredDraft(db, policyId),
    append: (writes) => appendDraftUpdates(db, writes, options),
    compact: async (policyId, state, throughSeq) => void (await compactDraft(db, policyId, state, throughSeq, now())),
    updatesAfter: (policyId, afterSeq) => findUpdatesAfter(db, policyId, afterSeq),
    latestSeqs: (policyIds) => findLatestSeqs(db, policyIds),
  };
}

// bytea comes back as a Buffer from pg and a Uint8Array from PGlite: hand out one type on both.
const asBytes = (value: Uint8Array): Uint8Array => new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

export async function insertDraftDocument(db: Kysely<Database>, policyId: string, state: Uint8Array, now: Date): Promise<void> {
  await db.insertInto("draft_documents").values({ policy_id: policyId, state, updated_at: now }).execute();
}

/**
 * The snapshot and the update tail of a policy's draft, or undefined when it has none. The snapshot and
 * the tail are read by two statements, and a compaction may commit between them (a new snapshot, and the
 * updates it folded in deleted): the tail read after it would then miss updates the old snapshot lacks.
 * So the snapshot's `compacted_seq` is read again afterwards: compaction changes it in the same
 * transaction as it deletes, so if it is unchanged the tail is complete; otherwise read again.
 */
export async function loadStoredDraft(db: Kysely<Database>, policyId: string): Promise<StoredDraft | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const document = await db
      .selectFrom("draft_documents")
      .select(["state", "compacted_seq"])
      .where("policy_id", "=", policyId)
      .executeTakeFirst();
    if (!document) return undefined;
    const updates = await db
      .selectFrom("draft_updates")
      .select(["doc_seq", "update"])
      .where("policy_id", "=", policyId)
      .where("doc_seq", ">", document.compacted_seq)
      .orderBy("doc_seq")
      .execute();
    const after = await db.selectFrom("draft_documents").select("compacted_seq").where("policy_id", "=", policyId).executeTakeFirst();
    if (Number(after?.compacted_seq) === Number(document.compacted_seq)) {
      return {
        state: asBytes(document.state),
        compactedSeq: Number(document.compacted_seq),
        updates: updates.map((row) => ({ seq: Number(row.doc_seq), update: asBytes(row.update) })),
      };
    }
  }
  throw new Error(`The draft of policy ${policyId} was compacted again during each of five reads.`);
}

/** The whole stored draft as one Yjs update, or undefined when the policy has none. */
export async function findDraftState(db: Kysely<Database>, policyId: string): Promise<Uint8Array | undefined> {
  const stored = await loadStoredDraft(db, policyId);
  if (!stored) return undefined;
  return stored.updates.length === 0 ? stored.state : Y.mergeUpdates([stored.state, ...stored.updates.map((row) => row.update)]);
}

/**
 * The committed updates of a draft after `afterSeq`, in order, or undefined when a compaction has folded
 * some of them away. The rows are read first and the snapshot's `compacted_seq` after: compaction moves
 * it in the transaction that deletes, and only ever forward, so if it still lies at or before `afterSeq`
 * no row after `afterSeq` had been deleted when the rows were read.
 */
export async function findUpdatesAfter(db: Kysely<Database>, policyId: string, afterSeq: number): Promise<StoredUpdate[] | undefined> {
  const rows = await db
    .selectFrom("draft_updates")
    .select(["doc_seq", "update"])
    .where("policy_id", "=", policyId)
    .where("doc_seq", ">", afterSeq)
    .orderBy("doc_seq")
    .execute();
  const document = await db.selectFrom("draft_documents").select("compacted_seq").where("policy_id", "=", policyId).executeTakeFirst();
  if (!document || Number(document.compacted_seq) > afterSeq) return undefined;
  return rows.map((row) => ({ seq: Number(row.doc_seq), update: asBytes(row.update) }));
}

/** Each draft's last committed sequence number (its snapshot's when its log is empty). */
export async function findLatestSeqs(db: Kysely<Database>, policyIds: readonly string[]): Promise<Map<string, number>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("draft_documents as d")
    .leftJoin("draft_updates as u", "u.policy_id", "d.policy_id")
    .select(["d.policy_id", "d.compacted_seq", (eb) => eb.fn.max("u.doc_seq").as("last_seq")])
    .where("d.policy_id", "in", [...policyIds])
    .groupBy(["d.policy_id", "d.compacted_seq"])
    .execute();
  return new Map(rows.map((row) => [row.policy_id, Math.max(Number(row.compacted_seq), Number(row.last_seq ?? 0))]));
}

/**
 * Appends updates in order, with the audit records (and any other rows, `alsoWrite`) of server-made
 * changes, in one transaction; returns the updates' sequence numbers (each draft's own, `doc_seq`).
 *
 * Each draft's numbers are taken under a transaction-scoped advisory lock on that draft, held until
 * commit: a second writer of the same draft (another process) waits, then numbers after what the first
 * committed. So a draft's updates commit in sequence order with no hole, and "everything after N" read
 * from the log is exact. A batch touching several drafts takes their locks in sorted order (no deadlock
 * between two such batches). The locks come before any audit or version lock taken by `alsoWrite`.
 */
export async function appendDraftUpdates(
  db: Kysely<Database>,
  rows: readonly DraftWrite[],
  options: DraftStoreOptions = {},
): Promise<number[]> {
  if (rows.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const seqs = new Array<number>(rows.length);
    const policyIds = [...new Set(rows.map((row) => row.policyId))].sort();
    for (const policyId of policyIds) {
      await sql`select pg_advisory_xact_lock(hashtext(${`draft_updates:${policyId}`}))`.execute(trx);
      const [latest] = (await findLatestSeqs(trx, [policyId])).values();
      let next = (latest ?? 0) + 1;
      const values: { policy_id: string; doc_seq: number; update: Uint8Array }[] = [];
      for (const [index, row] of rows.entries()) {
        if (row.policyId !== policyId) continue;
        seqs[index] = next;
        values.push({ policy_id: policyId, doc_seq: next, update: row.update });
        next++;
      }
      await trx.insertInto("draft_updates").values(values).execute();
      if (options.notify) await sql`select pg_notify(${draftUpdatesChannel}, ${`${policyId}:${next - 1}`})`.execute(trx);
    }
    for (const row of rows) {
      if (row.audit) await appendAuditEvent(trx, row.audit);
      if (row.alsoWrite) await row.alsoWrite(trx);
    }
    return seqs;
  });
}

/**
 * Replaces the snapshot with one that includes every update up to `throughSeq`, and drops those updates.
 * One transaction, so a crash leaves either the old snapshot with its log or the new one without it.
 * Resolves false, writing nothing, when another process is folding this draft now or a later fold is
 * already stored.
 */
export async function compactDraft(
  db: Kysely<Database>,
  policyId: string,
  state: Uint8Array,
  throughSeq: number,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // One process folds a draft at a time. Another process folding it right now is left to finish, and
    // this fold is dropped: the document folds again after its next updates, and nothing is lost.
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(hashtext(${`draft_compaction:${policyId}`})) as locked`.execute(trx);
    if (!rows[0]?.locked) return false;
    const updated = await trx
      .updateTable("draft_documents")
      .set({ state, compacted_seq: throughSeq, updated_at: now })
      .where("policy_id", "=", policyId)
      .where("compacted_seq", "<", throughSeq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await trx.deleteFrom("draft_updates").where("policy_id", "=", policyId).where("doc_seq", "<=", throughSeq).execute();
    return true;
  });
}
