import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/**
 * Records that these Yjs client ids of a policy's draft belong to the account (the first account to
 * commit under an id keeps it: a client id is a random number a browser picks per page load).
 */
export async function recordDraftClients(
  db: Kysely<Database>,
  policyId: string,
  userId: string,
  clientIds: readonly number[],
  now: Date,
): Promise<void> {
  if (clientIds.length === 0) return;
  await db
    .insertInto("draft_clients")
    .values(clientIds.map((clientId) => ({ policy_id: policyId, client_id: clientId, user_id: userId, first_seen_at: now })))
    .onConflict((conflict) => conflict.columns(["policy_id", "client_id"]).doNothing())
    .execute();
}

/** The account of each recorded Yjs client id of a policy's draft. */
export async function findDraftClientOwners(db: Kysely<Database>, policyId: string): Promise<Map<number, string>> {
  const rows = await db.selectFrom("draft_clients").select(["client_id", "user_id"]).where("policy_id", "=", policyId).execute();
  return new Map(rows.map((row) => [Number(row.client_id), row.user_id]));
}
