import type { Kysely } from "kysely";
import * as Y from "yjs";
import { appendAuditEvent, type AuditRecord } from "./audit-events.js";
import type { Database } from "./database.js";

/** A stored draft: the snapshot, the sequence number it covers, and the updates after it, in commit order. */
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
}

/** The draft store over the database: the functions below, with the clock that dates a compaction. */
export function createDraftStore(db: Kysely<Database>, now: () => Date): DraftStore {
  return {
    load: (policyId) => loadStoredDraft(db, policyId),
    append: (writes) => appendDraftUpdates(db, writes),
    compact: (policyId, state, throughSeq) => compactDraft(db, policyId, state, throughSeq, now()),
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
      .select(["seq", "update"])
      .where("policy_id", "=", policyId)
      .where("seq", ">", document.compacted_seq)
      .orderBy("seq")
      .execute();
    const after = await db.selectFrom("draft_documents").select("compacted_seq").where("policy_id", "=", policyId).executeTakeFirst();
    if (Number(after?.compacted_seq) === Number(document.compacted_seq)) {
      return {
        state: asBytes(document.state),
        compactedSeq: Number(document.compacted_seq),
        updates: updates.map((row) => ({ seq: Number(row.seq), update: asBytes(row.update) })),
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
 * Appends updates in order, with the audit records (and any other rows, `alsoWrite`) of server-made
 * changes, in one transaction; returns the updates' sequence numbers.
 */
export async function appendDraftUpdates(db: Kysely<Database>, rows: readonly DraftWrite[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const write = async (trx: Kysely<Database>) => {
    const inserted = await trx
      .insertInto("draft_updates")
      .values(rows.map((row) => ({ policy_id: row.policyId, update: row.update })))
      .returning("seq")
      .execute();
    for (const row of rows) {
      if (row.audit) await appendAuditEvent(trx, row.audit);
      if (row.alsoWrite) await row.alsoWrite(trx);
    }
    return inserted.map((inserted) => Number(inserted.seq));
  };
  // One statement is already atomic; only a batch carrying audit records or other rows needs a transaction.
  return rows.some((row) => row.audit || row.alsoWrite) ? db.transaction().execute(write) : write(db);
}

/**
 * Replaces the snapshot with one that includes every update up to `throughSeq`, and drops those updates.
 * One transaction, so a crash leaves either the old snapshot with its log or the new one without it.
 */
export async function compactDraft(
  db: Kysely<Database>,
  policyId: string,
  state: Uint8Array,
  throughSeq: number,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("draft_documents")
      .set({ state, compacted_seq: throughSeq, updated_at: now })
      .where("policy_id", "=", policyId)
      .where("compacted_seq", "<", throughSeq)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await trx.deleteFrom("draft_updates").where("policy_id", "=", policyId).where("seq", "<=", throughSeq).execute();
  });
}
