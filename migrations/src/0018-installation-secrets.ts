import type { Kysely } from "kysely";

/**
 * Named random secrets of one installation (issue 17): created once, by whichever process starts first
 * (an insert that does nothing when the name exists, then a read), and the same for every process on the
 * database. The first is the key of the HMAC that hashes the public's network addresses. The secret is
 * hex text, so PostgreSQL and PGlite hand back the same value.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("installation_secrets")
    .addColumn("name", "text", (column) => column.primaryKey())
    .addColumn("secret", "text", (column) => column.notNull())
    .addColumn("created_at", "timestamptz", (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("installation_secrets").execute();
}
