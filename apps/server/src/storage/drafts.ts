import { CompiledQuery, sql, type Kysely } from "kysely";
import * as Y from "yjs";
import { appendAuditEvent, type AuditRecord } from "./audit-events.js";
import type { Database } from "./database.js";
import { preparedOnEachConnection } from "./prepared-statements.js";

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
   * `<policyId>:<seq>`, the batch's last), for the relay between processes when Redis is down: always,
   * or whenever the function answers true at the commit.
   */
  notify?: boolean | (() => boolean);
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

/** Each draft's last committed sequence number (`last_seq`: its snapshot's when nothing was logged after it). */
export async function findLatestSeqs(db: Kysely<Database>, policyIds: readonly string[]): Promise<Map<string, number>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("draft_documents")
    .select(["policy_id", "last_seq"])
    .where("policy_id", "in", [...policyIds])
    .execute();
  return new Map(rows.map((row) => [row.policy_id, Number(row.last_seq)]));
}

/**
 * Appends updates in order, with the audit records (and any other rows, `alsoWrite`) of server-made
 * changes, atomically; returns the updates' sequence numbers (each draft's own, `doc_seq`).
 *
 * One statement numbers and inserts the whole batch (`appendStatement`): it bumps each draft's
 * `last_seq` by its count of updates and inserts the rows numbered below the new value. The bump's row
 * lock is held until commit, so a second writer of the same draft (another process) waits, then numbers
 * after what the first committed: a draft's updates commit in sequence order with no hole, and
 * "everything after N" read from the log is exact. A batch of several drafts locks their rows in sorted
 * order first (no deadlock between two such batches). A batch of bare updates is that statement alone,
 * in autocommit (one round trip); one with rows of its own runs it in a transaction with those rows, the
 * draft locks first, before any audit or version lock `alsoWrite` takes.
 */
export async function appendDraftUpdates(
  db: Kysely<Database>,
  rows: readonly DraftWrite[],
  options: DraftStoreOptions = {},
): Promise<number[]> {
  if (rows.length === 0) return [];
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.policyId, (counts.get(row.policyId) ?? 0) + 1);
  const policyIds = [...counts.keys()].sort();
  // Each row's place in its draft's part of the batch (1, 2, …): its number is the draft's previous last plus that.
  const seen = new Map<string, number>();
  const positions = rows.map((row) => {
    const position = (seen.get(row.policyId) ?? 0) + 1;
    seen.set(row.policyId, position);
    return position;
  });
  const parameters: unknown[] = [];
  for (const policyId of policyIds) parameters.push(policyId, counts.get(policyId));
  for (const [index, row] of rows.entries()) parameters.push(row.policyId, positions[index], row.update);
  const statement = CompiledQuery.raw(
    appendStatement(policyIds.length, rows.length, typeof options.notify === "function" ? options.notify() : options.notify === true),
    parameters,
  );

  const numberAndInsert = async (executor: Kysely<Database>): Promise<number[]> => {
    const { rows: bumped } = await executor.executeQuery<{ policy_id: string; last_seq: number | string }>(statement);
    const lastSeqs = new Map(bumped.map((row) => [row.policy_id, Number(row.last_seq)]));
    return rows.map((row, index) => {
      const last = lastSeqs.get(row.policyId);
      // Unreachable: the statement fails (a null doc_seq) when a draft has no row to number from.
      if (last === undefined) throw new Error(`The policy ${row.policyId} has no stored draft to append to.`);
      return last - counts.get(row.policyId)! + positions[index]!;
    });
  };
  if (!rows.some((row) => row.audit !== undefined || row.alsoWrite !== undefined)) return numberAndInsert(db);
  return db.transaction().execute(async (trx) => {
    const seqs = await numberAndInsert(trx);
    for (const row of rows) {
      if (row.audit) await appendAuditEvent(trx, row.audit);
      if (row.alsoWrite) await row.alsoWrite(trx);
    }
    return seqs;
  });
}

/**
 * The text of the one statement that numbers and inserts a batch of `rowCount` updates of `draftCount`
 * drafts, built once per shape and kept (the batch's shapes repeat: no query building per commit).
 * Parameters: each draft's id and count of updates, in sorted order; then each update's draft, place in
 * its draft's part of the batch, and bytes, in batch order. Answers each draft's new `last_seq`.
 * A draft with no `draft_documents` row leaves its updates with a null `doc_seq`, so the statement fails
 * (not-null violation) and writes nothing, rather than dropping them.
 */
function appendStatement(draftCount: number, rowCount: number, notify: boolean): string {
  const key = `${draftCount}:${rowCount}:${notify ? 1 : 0}`;
  const cached = appendStatements.get(key);
  if (cached !== undefined) return cached;
  if (appendStatements.size >= 1_000) appendStatements.clear();
  let parameter = 0;
  const next = () => `$${++parameter}`;
  const counts = Array.from({ length: draftCount }, () => `(${next()}::uuid, ${next()}::bigint)`).join(", ");
  const batch = Array.from({ length: rowCount }, () => `(${next()}::uuid, ${next()}::bigint, ${next()}::bytea)`).join(", ");
  // Several drafts: lock their rows in sorted order first. The bump joins the locked rows, so it only
  // ever touches a row already locked, and two batches always take their common drafts in one order.
  const locked =
    draftCount > 1
      ? `, locked as (select d.policy_id from draft_documents as d where d.policy_id in (select policy_id from counts) order by d.policy_id for update of d)`
      : "";
  const statement = [
    `with counts (policy_id, n) as (values ${counts})${locked},`,
    `bumped as (update draft_documents as d set last_seq = d.last_seq + c.n from counts as c`,
    draftCount > 1 ? ` join locked as l on l.policy_id = c.policy_id` : "",
    ` where d.policy_id = c.policy_id returning d.policy_id, d.last_seq, c.n),`,
    `batch (policy_id, position, update) as (values ${batch}),`,
    `inserted as (insert into draft_updates (policy_id, doc_seq, update)`,
    ` select b.policy_id, u.last_seq - u.n + b.position, b.update from batch as b left join bumped as u on u.policy_id = b.policy_id)`,
    `select u.policy_id::text as policy_id, u.last_seq`,
    notify ? `, pg_notify('${draftUpdatesChannel}', u.policy_id::text || ':' || u.last_seq::text)` : "",
    ` from bumped as u`,
  ].join("");
  appendStatements.set(key, statement);
  // The common shapes (a batch of a few updates of a few drafts) are prepared once per PostgreSQL connection.
  return rowCount <= maxPreparedBatchRows ? preparedOnEachConnection(statement) : statement;
}

/** The largest batch whose statement is prepared: 2 × (1 + 2 + … + 8) = 72 texts at most (drafts ≤ rows). */
const maxPreparedBatchRows = 8;

/** The statement texts built so far, by shape (drafts, rows, notify); emptied when it reaches a thousand. */
const appendStatements = new Map<string, string>();

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
