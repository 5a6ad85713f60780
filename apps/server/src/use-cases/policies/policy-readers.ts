import type { Kysely } from "kysely";
import { canOnPolicy } from "@accord/domain";
import { policyActorOf } from "../../access/policy-access.js";
import { findActiveRecipientIds } from "../../storage/notifications.js";
import { findAccountById } from "../../storage/accounts.js";
import type { Database } from "../../storage/database.js";
import { findPolicyAccessFacts } from "../../storage/policies.js";

/**
 * Of the given people, each once, those who may read the policy now (through the permission table).
 * Notifications about a policy's text go only to them: a suggester or a thread's starter removed from
 * the working group since must not learn from their inbox what the group does with it.
 */
export async function readersAmong(db: Kysely<Database>, policyId: string, userIds: readonly string[]): Promise<string[]> {
  const readers: string[] = [];
  for (const userId of await findActiveRecipientIds(db, userIds)) {
    const account = await findAccountById(db, userId);
    if (!account) continue;
    const facts = await findPolicyAccessFacts(db, policyId, userId);
    if (canOnPolicy(policyActorOf({ isFacilitator: account.is_facilitator }, facts), "draft.read")) readers.push(userId);
  }
  return readers;
}
