import { sql, type Kysely } from "kysely";

/**
 * What the public sees of a publication is what was published: its title and summary are stored with
 * it, like its text, so a later edit of the policy's title or summary appears only with the next
 * publication. Publications made before this migration take the policy's title and summary as they are
 * now, the best record there is. The immutability trigger is set aside for that one backfill only, in
 * this migration's transaction, and the columns are then required.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("publications").addColumn("title", "text").execute();
  await db.schema.alterTable("publications").addColumn("summary", "text").execute();
  await sql`alter table publications disable trigger publications_immutable`.execute(db);
  await sql`
    update publications set title = policies.title, summary = policies.summary
    from policies where policies.id = publications.policy_id`.execute(db);
  await sql`alter table publications enable trigger publications_immutable`.execute(db);
  await db.schema
    .alterTable("publications")
    .alterColumn("title", (col) => col.setNotNull())
    .execute();
  await db.schema
    .alterTable("publications")
    .alterColumn("summary", (col) => col.setNotNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("publications").dropColumn("summary").execute();
  await db.schema.alterTable("publications").dropColumn("title").execute();
}
