import { sql, type Kysely } from "kysely";

/**
 * A proposal's stored workflow state gains `sectionPositionHistory`: every section position stated,
 * changed or withdrawn, so that a member can change or withdraw a position and the record still shows
 * how it came to be. Proposals made before this migration kept only each member's latest position; those
 * become their history, the best record there is.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update proposals
    set state = jsonb_set(state, '{sectionPositionHistory}', coalesce(state->'sectionPositions', '[]'::jsonb))
    where state->'sectionPositionHistory' is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update proposals set state = state - 'sectionPositionHistory'`.execute(db);
}
