import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** The `draft_documents` table: the live draft of each policy as an encoded Yjs state. */
export interface DraftDocumentsTable {
  policy_id: string;
  /** `Y.encodeStateAsUpdate` of the draft. `bytea`: a Buffer from pg, a Uint8Array from PGlite. */
  state: Uint8Array;
  updated_at: Date;
}

export async function insertDraftDocument(db: Kysely<Database>, policyId: string, state: Uint8Array, now: Date): Promise<void> {
  await db.insertInto("draft_documents").values({ policy_id: policyId, state, updated_at: now }).execute();
}

/** The stored draft state, or undefined when the policy has none. */
export async function findDraftState(db: Kysely<Database>, policyId: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom("draft_documents").select("state").where("policy_id", "=", policyId).executeTakeFirst();
  // Normalise pg's Buffer to a plain Uint8Array view so callers see one type on both databases.
  return row ? new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) : undefined;
}
