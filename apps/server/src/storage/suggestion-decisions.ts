import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Database } from "./database.js";
import type { SuggestionDecisionsTable } from "./tables/suggestion-decisions.js";

export type SuggestionDecisionRow = Selectable<SuggestionDecisionsTable>;
export type NewSuggestionDecisionRow = Insertable<SuggestionDecisionsTable>;

/** Records decisions; runs in the transaction that commits the decided document (see LiveDrafts). */
export async function insertSuggestionDecisions(trx: Kysely<Database>, rows: readonly NewSuggestionDecisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("suggestion_decisions")
    .values([...rows])
    .execute();
}

/** What the decisions on one affiliation's suggestions add up to. */
export interface AffiliationAuthorship {
  affiliation: string | null;
  acceptedInsertedCharacters: number;
  acceptedDeletedCharacters: number;
  accepted: number;
  rejected: number;
}

/**
 * The decisions on a policy's suggestions, added up by the affiliation the suggestion was made as:
 * characters accepted into the text and struck from it, and how many were accepted and rejected.
 * Characters are Unicode code points (PostgreSQL's char_length). Largest contribution first.
 */
export async function summarizeAuthorship(db: Kysely<Database>, policyId: string): Promise<AffiliationAuthorship[]> {
  const acceptedLength = (kind: "insertion" | "deletion") =>
    sql<string>`coalesce(sum(char_length(text)) filter (where decision = 'accepted' and kind = ${kind}), 0)`;
  const rows = await db
    .selectFrom("suggestion_decisions")
    .select([
      "author_affiliation",
      acceptedLength("insertion").as("inserted"),
      acceptedLength("deletion").as("deleted"),
      sql<string>`count(*) filter (where decision = 'accepted')`.as("accepted"),
      sql<string>`count(*) filter (where decision = 'rejected')`.as("rejected"),
    ])
    .where("policy_id", "=", policyId)
    .groupBy("author_affiliation")
    .execute();
  return rows
    .map((row) => ({
      affiliation: row.author_affiliation,
      acceptedInsertedCharacters: Number(row.inserted),
      acceptedDeletedCharacters: Number(row.deleted),
      accepted: Number(row.accepted),
      rejected: Number(row.rejected),
    }))
    .sort(
      (a, b) =>
        b.acceptedInsertedCharacters - a.acceptedInsertedCharacters ||
        b.accepted - a.accepted ||
        (a.affiliation ?? "\uffff").localeCompare(b.affiliation ?? "\uffff"),
    );
}

/** The newest decisions on a policy's suggestions, newest first. */
export async function listRecentDecisions(db: Kysely<Database>, policyId: string, limit: number): Promise<SuggestionDecisionRow[]> {
  return db
    .selectFrom("suggestion_decisions")
    .selectAll()
    .where("policy_id", "=", policyId)
    .orderBy("decided_at", "desc")
    .orderBy("suggestion_id")
    .orderBy("kind")
    .limit(limit)
    .execute();
}
