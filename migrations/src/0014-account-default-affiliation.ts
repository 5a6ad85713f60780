import type { Kysely } from "kysely";

/**
 * Each account's default affiliation (`users.default_affiliation`): the affiliation the new-policy flow
 * fills in when the facilitator picks the person for a working group, still changeable per policy (the
 * member row keeps its own). Null for accounts that have none yet; the API checks the value against
 * the domain's affiliations, as it does for members, so no list is repeated here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("default_affiliation", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("default_affiliation").execute();
}
