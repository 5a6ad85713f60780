import { sql, type Kysely, type Selectable } from "kysely";
import { chainAuditEvent, type AuditEvent, type AuditEventContent } from "@accord/domain";
import type { Database } from "./database.js";
import type { AuditEventsTable } from "./tables/audit-events.js";

type AuditEventRow = Selectable<AuditEventsTable>;

// Any constant shared by every writer: the advisory lock that serialises appends to the chain.
const auditChainLockKey = 7_428_091;

/** What a use case records: the chain position, hash and time are added here. */
export type AuditRecord = Omit<AuditEventContent, "seq" | "occurredAt"> & { occurredAt: Date };

/**
 * Appends one event to the chain. Must run inside the transaction that makes the change it records, so
 * the change and its record commit together or not at all. The transaction-scoped advisory lock makes
 * concurrent appends wait for each other, so two writers never chain onto the same previous entry.
 */
export async function appendAuditEvent(trx: Kysely<Database>, record: AuditRecord): Promise<AuditEvent> {
  await sql`select pg_advisory_xact_lock(${auditChainLockKey})`.execute(trx);
  const last = await trx.selectFrom("audit_events").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const event = chainAuditEvent(last ? { seq: Number(last.seq), hash: last.hash } : null, {
    ...record,
    occurredAt: record.occurredAt.toISOString(),
  });
  await trx
    .insertInto("audit_events")
    .values({
      seq: event.seq,
      occurred_at: event.occurredAt,
      actor_id: event.actorId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      payload: JSON.stringify(event.payload) as unknown as AuditEventRow["payload"],
      prev_hash: event.prevHash,
      hash: event.hash,
    })
    .execute();
  return event;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The whole chain in order, for the verifier. */
export async function listAuditEvents(db: Kysely<Database>): Promise<AuditEvent[]> {
  const rows = await db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
  return rows.map(toAuditEvent);
}
