// The table of the installation-secrets aggregate as Kysely sees it: column names and types, nothing else.
// A leaf file: `storage/database.ts` lists it in `Database`, and `storage/installation-secrets.ts` queries it.

/** The `installation_secrets` table: named random secrets, made once per installation. */
export interface InstallationSecretsTable {
  name: string;
  /** Hex text of random bytes. */
  secret: string;
  created_at: Date;
}
