import { sql, type Kysely } from "kysely";

/**
 * Pending suggestions are never accepted text, so a published version can never hold one. The server
 * refuses to propose or publish such a version; this trigger is the last guard, in the database
 * itself: a publication whose version's stored JSON carries an insertion or deletion mark is refused,
 * whoever writes the row. Publications already stored are not touched.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function publications_without_suggestions() returns trigger language plpgsql as $$
    begin
      if exists (
        select 1 from policy_versions
        where policy_id = new.policy_id and number = new.version_number
          and jsonb_path_exists(canonical_json::jsonb, 'strict $.**.marks[*] ? (@.type == "insertion" || @.type == "deletion")')
      ) then
        raise exception 'version % of policy % still has pending suggestions and cannot be published', new.version_number, new.policy_id
          using errcode = 'check_violation';
      end if;
      return new;
    end;
    $$`.execute(db);
  await sql`
    create trigger publications_without_suggestions before insert on publications
    for each row execute function publications_without_suggestions()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists publications_without_suggestions on publications`.execute(db);
  await sql`drop function if exists publications_without_suggestions()`.execute(db);
}
